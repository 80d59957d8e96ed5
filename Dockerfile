# ecs-monitor image: a multi-stage build with the Maven wrapper, then a JRE with the runnable jar and
# the launcher, run as a non-root user. Build: docker build -t ecs-monitor .
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY core core
COPY kafka-test-support kafka-test-support
COPY aws-fakes aws-fakes
COPY classifier classifier
COPY ingest ingest
COPY health-probe health-probe
COPY alerts alerts
COPY cli cli
COPY bench/pom.xml bench/pom.xml
RUN ./mvnw -B -ntp -DskipTests -pl cli -am package

FROM eclipse-temurin:17-jre
RUN groupadd --system ecsmonitor && useradd --system --gid ecsmonitor --home-dir /app ecsmonitor
WORKDIR /app
COPY --from=build /src/cli/target/ecs-monitor.jar cli/target/ecs-monitor.jar
COPY bin bin
COPY examples examples
RUN mkdir -p /app/data && chown -R ecsmonitor:ecsmonitor /app/data /app/cli/target
USER ecsmonitor
ENV ECS_health_OUTDIR=/app/data/
EXPOSE 8080
ENTRYPOINT ["/app/bin/ecs-monitor"]
CMD ["run"]
