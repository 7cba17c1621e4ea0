# Shared by eng/consumers/build-app.sh and eng/consumers/readme-snippets.sh (source it, don't run it).
#
# A consumer app is built the way a user builds one: in a folder outside this repository, with
# none of its Directory.Build.props, Directory.Build.targets or Directory.Packages.props, with
# package versions written in the project file, and with our packages coming from a local folder
# that a nuget.config adds next to the machine's own package source (nothing is cleared and no
# source is named). Restore and build treat every warning as an error, NU1605 and NU1608 included.
#
# Environment:
#   PUSHWRIGHT_CONSUMER_WORK  the folder for the apps and their package cache; .ci/run gives one per
#                             run. Without it a temporary folder is made and removed on exit.

# Temporary folders to remove when the script ends.
consumer_temp=()
trap 'rm -rf "${consumer_temp[@]}"' EXIT

consumer_init() {
  local packages=$1
  packages=$(cd "$packages" && pwd) || { echo "consumers: no package folder $1" >&2; return 1; }
  local nupkg
  nupkg=$(ls "$packages"/Pushwright.[0-9]*.nupkg 2>/dev/null | head -1)
  [[ -n "$nupkg" ]] || { echo "consumers: no Pushwright.<version>.nupkg in $packages; run dotnet pack first" >&2; return 1; }
  consumer_version=${nupkg##*/Pushwright.}
  consumer_version=${consumer_version%.nupkg}

  if [[ -z "${PUSHWRIGHT_CONSUMER_WORK:-}" ]]; then
    PUSHWRIGHT_CONSUMER_WORK=$(mktemp -d)
    consumer_temp+=("$PUSHWRIGHT_CONSUMER_WORK")
  fi
  consumer_work=$PUSHWRIGHT_CONSUMER_WORK
  case "$consumer_work/" in
    "$(consumer_repo_root)/"*) echo "consumers: $consumer_work is inside the repository; use a folder outside it" >&2; return 1 ;;
  esac
  mkdir -p "$consumer_work/apps"

  # Adds the local folder; the machine's default source stays as it is.
  cat > "$consumer_work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="pushwright-local" value="$packages" />
  </packageSources>
</configuration>
XML
  # A package cache of its own: a package rebuilt under the same version must not be served
  # from an older copy in the machine's cache.
  export NUGET_PACKAGES="$consumer_work/packages"
}

# Belt and braces: the work folder is outside the repository, and these say so to MSBuild too.
consumer_isolation=(-p:ImportDirectoryBuildProps=false -p:ImportDirectoryBuildTargets=false -p:ImportDirectoryPackagesProps=false)

consumer_repo_root() {
  (cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
}

# consumer_project <dir> <sdk> <tfm> <output type> <implicit usings: enable|disable> <package id or id@version>...
consumer_project() {
  local dir=$1 sdk=$2 tfm=$3 output=$4 usings=$5
  shift 5
  mkdir -p "$dir"
  {
    echo "<Project Sdk=\"$sdk\">"
    echo "  <PropertyGroup>"
    echo "    <TargetFramework>$tfm</TargetFramework>"
    echo "    <OutputType>$output</OutputType>"
    echo "    <Nullable>enable</Nullable>"
    echo "    <ImplicitUsings>$usings</ImplicitUsings>"
    echo "    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>"
    echo "  </PropertyGroup>"
    echo "  <ItemGroup>"
    local id
    for id in "$@"; do
      # "Id@Version" pins another package (a test framework); a bare Id is one of ours, at this build's version.
      if [[ "$id" == *@* ]]; then
        echo "    <PackageReference Include=\"${id%@*}\" Version=\"${id#*@}\" />"
      else
        echo "    <PackageReference Include=\"$id\" Version=\"$consumer_version\" />"
      fi
    done
    echo "  </ItemGroup>"
    echo "</Project>"
  } > "$dir/$(basename "$dir").csproj"
}

# consumer_build <dir>: restore and build; fails on any error or warning.
consumer_build() {
  local dir=$1 log="$1/build.log"
  (
    cd "$dir" &&
      dotnet build -c Release -warnaserror --nologo "${consumer_isolation[@]}"
  ) > "$log" 2>&1
  local status=$?
  if [[ $status -ne 0 ]] || grep -qiE ': (warning|error) ' "$log"; then
    grep -iE ': (warning|error) ' "$log" | sort -u | head -30
    [[ $status -ne 0 ]] && tail -5 "$log"
    return 1
  fi
}

# consumer_expect <dir> <expected output> <what failed> <command...>: runs the command in the built
# app's folder, shows its output, and fails when it fails or prints no line with the expected text.
consumer_expect() {
  local dir=$1 expected=$2 failed=$3 output
  shift 3
  output=$(cd "$dir" && "$@" 2>&1)
  local status=$?
  echo "$output" | sed 's/^/    /'
  if [[ $status -ne 0 ]]; then
    echo "consumers: $failed ($status)" >&2
    return 1
  fi
  if ! grep -qF -- "$expected" <<<"$output"; then
    echo "consumers: $(basename "$dir") printed no line with \"$expected\"" >&2
    return 1
  fi
}

# consumer_run <dir> <expected output>: runs the built app and looks for the expected text.
consumer_run() {
  consumer_expect "$1" "$2" "$(basename "$1") exited with an error" \
    timeout 60 dotnet run -c Release --no-build --nologo "${consumer_isolation[@]}"
}

# consumer_test <dir> <expected output>: runs a built test project's tests and looks for the expected text.
consumer_test() {
  consumer_expect "$1" "$2" "the tests of $(basename "$1") failed" \
    timeout 120 dotnet test -c Release --no-build --nologo "${consumer_isolation[@]}"
}

# consumer_resolved <dir> <package id> <version regex>: the version restore chose, so that a net8.0
# app is not pulled up to another band's Microsoft.Extensions.*.
consumer_resolved() {
  local dir=$1 id=$2 pattern=$3 resolved
  resolved=$(grep -oE "\"$id/[^\"]+\"" "$dir/obj/project.assets.json" | head -1 | tr -d '"')
  echo "    resolved ${resolved:-no $id}"
  if ! grep -qE "^$id/$pattern" <<<"$resolved"; then
    echo "consumers: expected $id matching $pattern in $(basename "$dir"); got ${resolved:-none}" >&2
    return 1
  fi
}
