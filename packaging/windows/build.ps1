# Builds PeerChain's Windows installer (.msi) with jpackage and a jlink runtime: run on Windows from the repository's
# root with JDK 17 and Maven on the PATH, and the WiX Toolset 3 (candle.exe, light.exe) for the .msi:
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
#
# Output: target\packaging\PeerChain-<version>.msi, installing PeerChain (the wallet), PeerChain Tracker and the
# console command peerchain.exe into Program Files, with Start menu entries and a desktop shortcut for the wallet.
# Data and logs go to %APPDATA%\PeerChain. Not run on the Linux machines the project is developed on.
$ErrorActionPreference = "Stop"
$root = Resolve-Path "$PSScriptRoot\..\.."
Set-Location $root
[xml]$pom = Get-Content pom.xml
$version = $pom.project.version
$out = "target\packaging"
mvn -q -DskipTests package
if (Test-Path $out) { Remove-Item -Recurse -Force $out }
New-Item -ItemType Directory -Force "$out\input" | Out-Null
Copy-Item target\peerchain.jar "$out\input\"
$modules = "java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.scripting,java.sql," +
           "jdk.crypto.ec,jdk.httpserver,jdk.jfr,jdk.localedata,jdk.management,jdk.unsupported"
Set-Content "$out\tracker.properties" "main-class=org.peerchain.cli.Main`narguments=tracker`nicon=$root\packaging\icons\peerchain-tracker.ico`nwin-menu=true`nwin-shortcut=false"
Set-Content "$out\cli.properties" "main-class=org.peerchain.cli.Main`nwin-console=true`nwin-menu=false`nwin-shortcut=false"
jpackage --type msi --name PeerChain --app-version $version --vendor "PeerChain developers" `
  --description "PeerChain: a peer-to-peer cryptocurrency wallet, miner and tracker" `
  --input "$out\input" --main-jar peerchain.jar --main-class org.peerchain.cli.Main `
  --add-modules $modules `
  --jlink-options "--strip-debug --no-header-files --no-man-pages --strip-native-commands --compress=2" `
  --java-options "-Dpeerchain.installed=true --add-opens=java.base/sun.security.provider=ALL-UNNAMED" `
  --icon packaging\icons\peerchain.ico `
  --add-launcher "PeerChain Tracker=$out\tracker.properties" `
  --add-launcher "peerchain=$out\cli.properties" `
  --win-menu --win-menu-group PeerChain --win-shortcut --win-dir-chooser `
  --win-upgrade-uuid 5f1f6a8e-3c4e-4b8e-9d0c-7a9f2f1e6c01 --dest $out
Get-ChildItem "$out\*.msi" | ForEach-Object { "{0}: {1:N0} MB" -f $_.Name, ($_.Length / 1MB) }
