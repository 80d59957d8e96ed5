/**
 * Multi-line stitching: {@link io.ecsmonitor.classifier.stitch.Stitcher} joins the lines of a stack trace
 * (Java, Python, Go, Node, Ruby, .NET, Rust, PHP), which CloudWatch stores one event per line, back into
 * one event per log stream, as the last section of {@code shared/spec/classification.md} asks.
 */
package io.ecsmonitor.classifier.stitch;
