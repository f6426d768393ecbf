# Sourced by the bench scripts: compiles the modules with their tests and sets `cp` to fer4j-cli's class path plus
# the test classes of the modules named as arguments (where the benchmarks' own programs live), and `java_opts`.
#   . bench/lib.sh fer4j-serve
bench_classpath() {
  echo "$(basename "$0"): compiling and resolving the class path..." >&2
  # not -o: the dependency plugin comes from Maven Central the first time
  mvn -B -q -Dai.djl.offline=true -pl fer4j-cli -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp >/dev/null
  cp="fer4j-cli/target/classes"
  for m in "$@"; do cp="$cp:$m/target/test-classes"; done
  cp="$cp:$(cat fer4j-cli/target/bench.cp)"
  java_opts=(-Xmx2g -Dai.djl.offline=true -Djava.awt.headless=true)
}
