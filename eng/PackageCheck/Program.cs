// Checks every package that 'dotnet pack' wrote to a folder, as a consumer and a package feed
// would see it:
// - the expected package IDs, and none called WebPush or WebPush.* (that ID belongs to another library);
// - nuspec metadata: a real description (not the SDK's "Package Description"), authors, the MIT
//   licence expression, a readme that is in the package, tags, and a git repository entry with
//   the commit;
// - every Pushwright DLL strong-named (signed, not only public-signed) with the repository's key,
//   every dependency a tool package carries strong-named by its own publisher, an XML
//   documentation file next to every library DLL, and no public namespace WebPush or WebPush.*;
// - a symbols package (.snupkg) beside each package;
// - a tool package rolls forward to newer major runtimes.
// Usage: PackageCheck <folder> --token <public key token> --expect <id>[,<id>...]
using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

if (args.Length != 5 || args[1] != "--token" || args[3] != "--expect")
{
    Console.Error.WriteLine("usage: PackageCheck <folder> --token <public key token> --expect <id>[,<id>...]");
    return 2;
}

var folder = args[0];
var expectedToken = args[2].ToLowerInvariant();
var expectedIds = args[4].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
var problems = new List<string>();

var packages = Directory.GetFiles(folder, "*.nupkg").Order(StringComparer.Ordinal).ToList();
var ids = new List<string>();
foreach (var path in packages)
{
    var before = problems.Count;
    using var zip = ZipFile.OpenRead(path);
    var (id, summary) = PackageChecks.Check(zip, Path.GetFileName(path), expectedToken, problems);
    ids.Add(id);
    var symbols = Path.ChangeExtension(path, ".snupkg");
    if (summary.Assemblies > 0 && !File.Exists(symbols))
    {
        problems.Add($"{id}: expected a symbols package {Path.GetFileName(symbols)} beside it; found none.");
    }

    if (problems.Count == before)
    {
        Console.WriteLine($"ok  {Path.GetFileName(path)}: {summary.Assemblies} assemblies signed with {expectedToken}{(summary.Dependencies > 0 ? $" and {summary.Dependencies} dependencies strong-named by their publishers" : string.Empty)}, {summary.Docs} XML doc files, readme {summary.Readme}");
    }
}

foreach (var missing in expectedIds.Except(ids, StringComparer.Ordinal))
{
    problems.Add($"expected a package {missing} in {folder}; found {(ids.Count == 0 ? "none" : string.Join(", ", ids))}.");
}

foreach (var extra in ids.Except(expectedIds, StringComparer.Ordinal))
{
    problems.Add($"unexpected package {extra} in {folder}; expected only {string.Join(", ", expectedIds)}.");
}

foreach (var problem in problems)
{
    Console.WriteLine($"FAIL {problem}");
}

Console.WriteLine(problems.Count == 0 ? $"{ids.Count} packages checked, no problems." : $"{problems.Count} problems in {ids.Count} packages.");
return problems.Count == 0 ? 0 : 1;

/// <summary>What one package held.</summary>
internal readonly record struct PackageSummary(int Assemblies, int Dependencies, int Docs, string Readme);

/// <summary>The checks on one package.</summary>
internal static partial class PackageChecks
{
    public static (string Id, PackageSummary Summary) Check(ZipArchive zip, string fileName, string expectedToken, List<string> problems)
    {
        var nuspecEntry = zip.Entries.SingleOrDefault(e => !e.FullName.Contains('/', StringComparison.Ordinal) && e.Name.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
        if (nuspecEntry is null)
        {
            problems.Add($"{fileName}: expected one .nuspec at the root of the package; found none.");
            return (fileName, default);
        }

        XDocument nuspec;
        using (var stream = nuspecEntry.Open())
        {
            nuspec = XDocument.Load(stream);
        }

        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Field(string name) => metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim();
        XElement? Element(string name) => metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name);

        var id = Field("id") ?? fileName;
        if (id == "WebPush" || id.StartsWith("WebPush.", StringComparison.Ordinal))
        {
            problems.Add($"{id}: the package ID WebPush belongs to another library; expected Pushwright or Pushwright.*.");
        }

        var description = Field("description");
        if (string.IsNullOrWhiteSpace(description) || description == "Package Description" || description.Length < 40)
        {
            problems.Add($"{id}: expected a real description (40 characters or more); got \"{description}\".");
        }

        var authors = Field("authors");
        if (string.IsNullOrWhiteSpace(authors) || authors == id)
        {
            problems.Add($"{id}: expected authors other than the package ID; got \"{authors}\".");
        }

        var license = Element("license");
        if (license is null || (string?)license.Attribute("type") != "expression" || license.Value.Trim() != "MIT")
        {
            problems.Add($"{id}: expected the licence expression MIT; got {(license is null ? "no licence" : $"{license.Attribute("type")?.Value} \"{license.Value}\"")}.");
        }

        var readme = Field("readme");
        var readmeEntry = readme is null ? null : zip.GetEntry(readme.Replace('\\', '/'));
        if (readmeEntry is null || readmeEntry.Length == 0)
        {
            problems.Add($"{id}: expected a readme that is in the package; got {(readme is null ? "no readme element" : $"\"{readme}\", which is missing or empty")}.");
        }

        if (string.IsNullOrWhiteSpace(Field("tags")))
        {
            problems.Add($"{id}: expected tags; got none.");
        }

        var repository = Element("repository");
        var commit = repository?.Attribute("commit")?.Value;
        if (repository?.Attribute("type")?.Value != "git" || commit is null || !CommitPattern().IsMatch(commit))
        {
            problems.Add($"{id}: expected <repository type=\"git\" commit=\"<40 hex digits>\">; got {repository?.ToString(SaveOptions.DisableFormatting) ?? "none"}.");
        }

        var assemblies = 0;
        var dependencies = 0;
        var docs = 0;
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))
        {
            if (CheckAssembly(id, entry, expectedToken, problems))
            {
                assemblies++;
            }
            else
            {
                dependencies++;
            }

            if (entry.FullName.StartsWith("lib/", StringComparison.Ordinal))
            {
                var xml = entry.FullName[..^".dll".Length] + ".xml";
                if (zip.GetEntry(xml) is null)
                {
                    problems.Add($"{id}: expected XML documentation {xml} beside {entry.FullName}; found none.");
                }
                else
                {
                    docs++;
                }
            }
        }

        if (assemblies == 0)
        {
            problems.Add($"{id}: expected at least one assembly; found none.");
        }

        foreach (var runtimeConfig in zip.Entries.Where(e => e.FullName.StartsWith("tools/", StringComparison.Ordinal) && e.Name.EndsWith(".runtimeconfig.json", StringComparison.Ordinal)))
        {
            using var stream = runtimeConfig.Open();
            using var json = JsonDocument.Parse(stream);
            var rollForward = json.RootElement.GetProperty("runtimeOptions").TryGetProperty("rollForward", out var value) ? value.GetString() : null;
            if (rollForward != "Major")
            {
                problems.Add($"{id}: expected the tool's {runtimeConfig.FullName} to roll forward to newer major runtimes (\"Major\"); got {rollForward ?? "no rollForward"}.");
            }
        }

        return (id, new PackageSummary(assemblies, dependencies, docs, readme ?? "none"));
    }

    // Returns whether the assembly is one of ours (a Pushwright assembly) rather than a dependency.
    private static bool CheckAssembly(string id, ZipArchiveEntry entry, string expectedToken, List<string> problems)
    {
        using var buffer = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(buffer);
        }

        buffer.Position = 0;
        using var pe = new PEReader(buffer);
        if (!pe.HasMetadata)
        {
            problems.Add($"{id}: {entry.FullName} is not a .NET assembly.");
            return false;
        }

        var reader = pe.GetMetadataReader();
        var name = reader.GetAssemblyDefinition().GetAssemblyName();
        var token = Convert.ToHexStringLower(name.GetPublicKeyToken() ?? []);
        var signed = (pe.PEHeaders.CorHeader!.Flags & CorFlags.StrongNameSigned) != 0 && pe.PEHeaders.CorHeader.StrongNameSignatureDirectory.Size > 0;
        var ours = name.Name is { } simpleName && (simpleName == "Pushwright" || simpleName.StartsWith("Pushwright.", StringComparison.Ordinal));
        if (!ours)
        {
            // A dependency a tool package carries (System.CommandLine, Polly, ...): its publisher's
            // key, not ours, but still strong-named, so nothing unsigned ships with the tool.
            if (token.Length == 0)
            {
                problems.Add($"{id}: expected the dependency {entry.FullName} strong-named by its publisher; got no public key token.");
            }

            return false;
        }

        if (token != expectedToken || !signed)
        {
            problems.Add($"{id}: expected {entry.FullName} strong-named and signed with public key token {expectedToken}; got token \"{token}\"{(signed ? string.Empty : ", not signed")}.");
        }

        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            var visibility = type.Attributes & System.Reflection.TypeAttributes.VisibilityMask;
            if (visibility != System.Reflection.TypeAttributes.Public)
            {
                continue;
            }

            var ns = reader.GetString(type.Namespace);
            if (ns == "WebPush" || ns.StartsWith("WebPush.", StringComparison.Ordinal))
            {
                problems.Add($"{id}: {entry.FullName} has the public type {ns}.{reader.GetString(type.Name)}; expected no namespace WebPush or WebPush.* (it clashes with another library).");
            }
        }

        return true;
    }

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex CommitPattern();
}
