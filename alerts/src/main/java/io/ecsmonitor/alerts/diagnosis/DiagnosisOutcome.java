package io.ecsmonitor.alerts.diagnosis;

import io.ecsmonitor.core.model.Diagnosis;

/**
 * What the diagnosis processor made of one input: a diagnosis, or the input it could not diagnose with
 * the reason, on its way to the dead-letter topic.
 *
 * @param diagnosis the diagnosis, or null on failure
 * @param failed    the JSON of the input that failed, or null
 */
record DiagnosisOutcome(Diagnosis diagnosis, byte[] failed) {
}
