#!/usr/bin/env bash
# Builds a step-ca binary offline, for local side-by-side comparison in bench/run.sh only (never
# committed, never shipped). step-ca is not packaged in Debian, but its library is:
#
#   apt-get install -y golang-go golang-github-smallstep-certificates-dev   # 0.19.0 and its dependencies
#   bench/build-step-ca.sh [OUTPUT]          # default: /tmp/step-ca-bench/step-ca
#   STEP_CA=/tmp/step-ca-bench/step-ca bench/run.sh
#
# The program below is our own minimal equivalent of upstream's cmd/step-ca (tag v0.19.0), whose
# start action is the library's commands/app.go: read ca.json, read the password file, start the CA
# through the library's public API (config.LoadConfiguration, ca.New with WithConfigFile and
# WithPassword, CA.Run). Left out, as the bench needs none of them: the SSH and issuer password
# files, --resolver, the linked-CA --token, --quiet, --context, help text and the reload signal. It is written to a temporary GOPATH and built with GO111MODULE=off against the
# Debian sources in /usr/share/gocode, so nothing is downloaded.
set -euo pipefail
out="${1:-/tmp/step-ca-bench/step-ca}"
command -v go >/dev/null || { echo "build-step-ca: go not found; apt-get install -y golang-go" >&2; exit 2; }
[[ -d /usr/share/gocode/src/github.com/smallstep/certificates ]] || {
    echo "build-step-ca: the step-ca library is missing; apt-get install -y golang-github-smallstep-certificates-dev" >&2
    exit 2
}
gopath="$(mktemp -d /tmp/step-ca-gopath.XXXXXX)"
trap 'rm -rf "$gopath"' EXIT
mkdir -p "$gopath/src/stilebench/stepca"
cat >"$gopath/src/stilebench/stepca/main.go" <<'GO'
// Command stepca starts a step-ca server from a ca.json, for Stile's load comparison only.
package main

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"unicode"

	"github.com/smallstep/certificates/authority/config"
	"github.com/smallstep/certificates/ca"
)

func main() {
	args := os.Args[1:]
	var passwordFile, configFile string
	for i := 0; i < len(args); i++ {
		switch {
		case args[i] == "--password-file" && i+1 < len(args):
			i++
			passwordFile = args[i]
		case configFile == "":
			configFile = args[i]
		default:
			fail(fmt.Errorf("usage: step-ca CA.JSON [--password-file FILE]"))
		}
	}
	if configFile == "" {
		fail(fmt.Errorf("usage: step-ca CA.JSON [--password-file FILE]"))
	}
	cfg, err := config.LoadConfiguration(configFile)
	if err != nil {
		fail(err)
	}
	var password []byte
	if passwordFile != "" {
		if password, err = os.ReadFile(passwordFile); err != nil {
			fail(err)
		}
		password = bytes.TrimRightFunc(password, unicode.IsSpace)
	}
	srv, err := ca.New(cfg, ca.WithConfigFile(configFile), ca.WithPassword(password))
	if err != nil {
		fail(err)
	}
	if err := srv.Run(); err != nil && err != http.ErrServerClosed {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "step-ca:", err)
	os.Exit(2)
}
GO
mkdir -p "$(dirname "$out")"
cd "$gopath/src/stilebench/stepca"
GOPATH="$gopath:/usr/share/gocode" GO111MODULE=off GOPROXY=off GOCACHE="${GOCACHE:-/tmp/step-ca-gocache}" \
    go build -o "$out" . || {
    echo "build-step-ca: the build failed (see above: a package missing from /usr/share/gocode names the Debian -dev package to add)" >&2
    exit 1
}
echo "$out"
