#!/usr/bin/env bash
# Regenerates .PublicAPI/PublicAPI.Unshipped.txt of each shipped project from the compiler's view
# of its public surface (RS0016 diagnostics of Microsoft.CodeAnalysis.PublicApiAnalyzers).
# Run it after a deliberate public API change, then review the diff like any other code.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
for project in src/Pushwright src/Pushwright.Extensions.Http src/Pushwright.Testing src/Pushwright.Testing.AspNetCore; do
  unshipped="$project/.PublicAPI/PublicAPI.Unshipped.txt"
  printf '#nullable enable\n' > "$unshipped"
  log=$(dotnet build "$project" --no-incremental -p:TreatWarningsAsErrors=false -p:WarningsAsErrors= 2>&1 || true)
  { printf '#nullable enable\n'; grep -oE "RS0016: Symbol '[^']+'" <<<"$log" | sed -E "s/^RS0016: Symbol '(.*)'$/\1/" | sort -u; } > "$unshipped"
  echo "$unshipped: $(($(wc -l < "$unshipped") - 1)) symbols"
done
