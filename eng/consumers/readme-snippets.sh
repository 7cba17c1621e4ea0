#!/usr/bin/env bash
# Compiles every ```csharp block of README.md exactly as pasted, each in a fresh project built
# against the packages in a folder, outside this repository's build settings (see lib.sh):
# - a block that builds a WebApplication goes into a Microsoft.NET.Sdk.Web project referencing
#   Pushwright.Extensions.Http;
# - a block with "using Xunit;" is an xunit test project referencing Pushwright.Testing (and
#   Pushwright.Extensions.Http when it calls AddWebPush), with the test packages at the versions
#   Directory.Packages.props pins; "run" runs its tests with dotnet test;
# - any other block is a console program referencing Pushwright (and Pushwright.Extensions.Http
#   when it calls AddWebPush).
# Implicit usings are off, so a block compiles only with its own using lines. A block preceded by
#   <!-- readme-check: run, expect "some text" -->
# runs too (offline), and must print a line containing that text. A block that needs another
# package says so right above it, for example:
#   <!-- readme-check: packages OpenTelemetry.Extensions.Hosting@1.20.1 -->
#
# Usage: eng/consumers/readme-snippets.sh <packages folder> [<block number> | count]
#   no number: check every block;  count: print how many blocks there are.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ $# -ge 1 && $# -le 2 ]] || { sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2; }
readme="$(consumer_repo_root)/README.md"

# Writes block-N.cs (the code) and block-N.expect (the expected output, empty when it only compiles).
extract_blocks() {
  local out=$1
  rm -rf "$out" && mkdir -p "$out"
  awk -v out="$out" '
    /^```csharp[[:space:]]*$/ {
      n++; inside = 1
      file = out "/block-" n ".cs"
      printf "" > file
      printf "%s", expect > (out "/block-" n ".expect")
      close(out "/block-" n ".expect")
      printf "%s", extra > (out "/block-" n ".packages")
      close(out "/block-" n ".packages")
      extra = ""
      print NR > (out "/block-" n ".line")
      close(out "/block-" n ".line")
      expect = ""
      next
    }
    inside && /^```[[:space:]]*$/ { inside = 0; close(file); next }
    inside { print >> file; next }
    /^<!-- readme-check: run, expect ".*" -->[[:space:]]*$/ {
      expect = $0
      sub(/^<!-- readme-check: run, expect "/, "", expect)
      sub(/" -->[[:space:]]*$/, "", expect)
      next
    }
    /^<!-- readme-check: packages .* -->[[:space:]]*$/ {
      extra = $0
      sub(/^<!-- readme-check: packages /, "", extra)
      sub(/ -->[[:space:]]*$/, "", extra)
      next
    }
    /[^[:space:]]/ { expect = ""; extra = "" }
    END { print n + 0 > (out "/count") }
  ' "$readme"
}

# The test framework packages at the versions this repository's own tests use (Directory.Packages.props).
test_packages() {
  local id version
  for id in Microsoft.NET.Test.Sdk xunit xunit.runner.visualstudio; do
    version=$(grep -oE "<PackageVersion Include=\"$id\" Version=\"[^\"]+\"" "$(consumer_repo_root)/Directory.Packages.props" | grep -oE 'Version="[^"]+"' | cut -d'"' -f2)
    echo "$id@$version"
  done
}

check_block() {
  local n=$1 blocks=$2
  local code="$blocks/block-$n.cs" expect line sdk packages
  [[ -f "$code" ]] || { echo "readme: there is no C# block $n in README.md" >&2; return 1; }
  expect=$(cat "$blocks/block-$n.expect")
  line=$(cat "$blocks/block-$n.line")
  local kind=app output=Exe
  if grep -q '^using Xunit;' "$code"; then
    kind=test output=Library
    sdk=Microsoft.NET.Sdk packages=(Pushwright.Testing $(test_packages))
    grep -q 'AddWebPush' "$code" && packages+=(Pushwright.Extensions.Http)
  elif grep -q 'WebApplication\.' "$code"; then
    sdk=Microsoft.NET.Sdk.Web packages=(Pushwright.Extensions.Http)
  elif grep -q 'AddWebPush' "$code"; then
    sdk=Microsoft.NET.Sdk packages=(Pushwright.Extensions.Http)
  else
    sdk=Microsoft.NET.Sdk packages=(Pushwright)
  fi

  local more
  more=$(cat "$blocks/block-$n.packages")
  [[ -n "$more" ]] && packages+=($more)

  local dir="$consumer_work/apps/readme-block-$n"
  rm -rf "$dir"
  consumer_project "$dir" "$sdk" net10.0 "$output" disable "${packages[@]}"
  cp "$code" "$dir/Program.cs"
  echo "README.md block $n (line $line): $sdk, ${packages[*]}${expect:+, runs and expects \"$expect\"}"
  consumer_build "$dir" || { echo "readme: block $n (README.md line $line) does not compile as pasted" >&2; return 1; }
  if [[ -n "$expect" && $kind == test ]]; then
    consumer_test "$dir" "$expect" || { echo "readme: the tests of block $n (README.md line $line) did not pass with \"$expect\"" >&2; return 1; }
  elif [[ -n "$expect" ]]; then
    consumer_run "$dir" "$expect" || { echo "readme: block $n (README.md line $line) did not print \"$expect\"" >&2; return 1; }
  fi
}

blocks=$(mktemp -d)
consumer_temp+=("$blocks")
extract_blocks "$blocks"
count=$(cat "$blocks/count")
if [[ "${2:-}" == count ]]; then
  echo "$count"
  exit 0
fi
[[ "$count" -gt 0 ]] || { echo "readme: README.md has no \`\`\`csharp block" >&2; exit 1; }

consumer_init "$1" || exit 1
if [[ -n "${2:-}" ]]; then
  check_block "$2" "$blocks"
  exit
fi

failed=0
for ((n = 1; n <= count; n++)); do
  check_block "$n" "$blocks" || failed=$((failed + 1))
done
echo "README.md: $((count - failed)) of $count C# blocks compile as pasted"
[[ $failed -eq 0 ]]
