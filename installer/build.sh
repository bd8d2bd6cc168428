#!/usr/bin/env bash
# Builds a native Slimfit package with jpackage (JDK 17+): an app image by default, or a
# .deb/.rpm with TYPE=deb|rpm. The bundled runtime contains the modules the shaded jar needs.
#   installer/build.sh            -> target/installer/Slimfit/ (run bin/Slimfit)
#   TYPE=deb installer/build.sh   -> target/installer/slimfit_<version>_amd64.deb (needs fakeroot, dpkg)
set -euo pipefail
cd "$(dirname "$0")/.."
TYPE=${TYPE:-app-image}
JPACKAGE=${JPACKAGE:-$(command -v jpackage || echo "${JAVA_HOME:-/usr/lib/jvm/default-java}/bin/jpackage")}
[ -x "$JPACKAGE" ] || { echo "FATAL: jpackage not found (install a full JDK 17+, e.g. openjdk-17-jdk)" >&2; exit 1; }
[ -f target/slimfit.jar ] || mvn -B -q package -DskipTests
VERSION=$(unzip -p target/slimfit.jar META-INF/MANIFEST.MF | awk -F': ' '/Implementation-Version/ {print $2}' | tr -d '\r' | sed 's/-SNAPSHOT//')
rm -rf target/installer target/installer-input
mkdir -p target/installer-input
cp target/slimfit.jar target/installer-input/
cp -r sample-models target/installer-input/
"$JPACKAGE" --type "$TYPE" --name Slimfit --app-version "${VERSION:-0.1.0}" \
  --vendor "Slimfit" --description "Inspect, shrink, evaluate and export TensorFlow Lite models" \
  --input target/installer-input --main-jar slimfit.jar --main-class dev.slimfit.Launcher \
  --icon icons/slimfit-256.png \
  --add-modules java.base,java.desktop,java.logging,java.prefs,java.xml,java.management,jdk.unsupported,java.naming,java.scripting,jdk.jfr \
  --java-options "-Xmx4g" \
  --dest target/installer
echo "built: $(ls -d target/installer/*)"
