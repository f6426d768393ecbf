#!/usr/bin/env bash
# spark-submit for a machine without a Spark distribution: runs Spark's own SparkSubmit main class over the
# Spark 3.5 jars from Maven Central (the class path is resolved once into target/spark-classpath.txt), with
# the add-opens Spark's launcher passes on Java 17. Client mode only (the driver is this JVM).
#   fer4j-spark/bin/spark-submit-local.sh 'local[2]' predict --model M --input DIR --output OUT.parquet
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
master=$1; shift
jar="$here/target/fer4j-spark.jar"
cp_file="$here/target/spark-classpath.txt"
[ -f "$jar" ] || { echo "spark-submit-local: $jar missing; build it: mvn -Dai.djl.offline=true -pl fer4j-spark -am package -DskipTests" >&2; exit 2; }
if [ ! -s "$cp_file" ]; then
  # with package in the same run, so the reactor resolves fer4j's own modules (they are never installed)
  (cd "$here/.." && mvn -q -B -Dai.djl.offline=true -DskipTests -pl fer4j-spark -am package dependency:build-classpath \
    -Dmdep.includeScope=provided -Dmdep.outputFile="$cp_file" >/dev/null) \
    || { echo "spark-submit-local: could not resolve Spark's class path (mvn dependency:build-classpath)" >&2; exit 2; }
fi
opens=""
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens="$opens --add-opens=java.base/$p=ALL-UNNAMED"
done
# shellcheck disable=SC2086
exec java ${SPARK_DRIVER_OPTS:--Xmx3g} $opens -cp "$(cat "$cp_file")" org.apache.spark.deploy.SparkSubmit \
  --master "$master" --conf spark.ui.enabled=false --conf spark.driver.host=127.0.0.1 \
  --class org.fer4j.spark.app.Fer4jSparkApp "$jar" "$@"
