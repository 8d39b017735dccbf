using System.Text.RegularExpressions;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Architecture;

/// <summary>
/// The shape of the code, read from the source files: the Guidance folders depend one way
/// (Content ← Reports ← Cards ← Flow / Dsl ← Bots ← Retention), one public type per file named after it, and the protocol layer
/// holds no public type that nothing uses.
/// </summary>
public sealed partial class ArchitectureTests
{
    /// <summary>Which Guidance folders each folder may use. Flow and Dsl are siblings: neither uses the other.</summary>
    private static readonly Dictionary<string, string[]> MayUse = new()
    {
        ["Content"] = [],
        ["Reports"] = ["Content"],
        ["Cards"] = ["Content", "Reports"],
        ["Flow"] = ["Content", "Reports", "Cards"],
        ["Dsl"] = ["Content", "Reports", "Cards"],
        ["Bots"] = ["Content", "Reports", "Cards", "Flow", "Dsl"],
        ["Retention"] = ["Content", "Reports", "Cards", "Flow", "Dsl", "Bots"],
    };

    private static string Guidance => Path.Combine(SharedSchemas.RepositoryRoot, "src", "StaffGuideBot.Guidance");

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));

    [Fact]
    public void EveryGuidanceFolderIsALayer()
    {
        var folders = Directory.EnumerateDirectories(Guidance).Select(d => Path.GetFileName(d)!).Where(f => f is not ("bin" or "obj")).Order().ToList();
        Assert.Equal(MayUse.Keys.Order().ToList(), folders);
    }

    [Fact]
    public void NoFolderUsesOneAboveIt()
    {
        var wrong = new List<string>();
        foreach (var (folder, allowed) in MayUse)
        {
            foreach (var file in SourceFiles(Path.Combine(Guidance, folder)))
            {
                var source = File.ReadAllText(file);
                foreach (Match use in GuidanceNamespace().Matches(source))
                {
                    var used = use.Groups[1].Value;
                    if (used != folder && !allowed.Contains(used))
                    {
                        wrong.Add($"{folder}/{Path.GetFileName(file)} uses {used}");
                    }
                }
            }
        }

        AssertNone(wrong.Distinct());
    }

    [Fact]
    public void TestsMirrorTheLayers()
    {
        var tests = Path.Combine(SharedSchemas.RepositoryRoot, "tests", "StaffGuideBot.Tests");
        var wrong = MayUse.Keys.Where(folder => !Directory.Exists(Path.Combine(tests, folder)));
        AssertNone(wrong);
    }

    [Fact]
    public void OnePublicTypePerFileNamedAfterIt()
    {
        var wrong = new List<string>();
        foreach (var project in new[] { "StaffGuideBot.Guidance", "StaffGuideBot.BotFramework", "StaffGuideBot" })
        {
            foreach (var file in SourceFiles(Path.Combine(SharedSchemas.RepositoryRoot, "src", project)))
            {
                var types = TopLevelPublicTypes(File.ReadAllText(file)).ToList();
                var name = Path.GetFileNameWithoutExtension(file);
                if (types.Count > 1 || (types.Count == 1 && types[0] != name))
                {
                    wrong.Add($"{project}/{Path.GetRelativePath(Path.Combine(SharedSchemas.RepositoryRoot, "src", project), file)}: {string.Join(", ", types)}");
                }
            }
        }

        AssertNone(wrong);
    }

    [Fact]
    public void TheProtocolLayerHasNoUnusedPublicType()
    {
        var src = Path.Combine(SharedSchemas.RepositoryRoot, "src");
        var protocol = Path.Combine(src, "StaffGuideBot.BotFramework");
        var sources = SourceFiles(src).ToDictionary(f => f, File.ReadAllText);
        var unused = new List<string>();
        foreach (var file in SourceFiles(protocol))
        {
            foreach (var type in TopLevelPublicTypes(sources[file]))
            {
                // A type is used when another file names it; a class of extension methods when one of its methods is called.
                var names = new[] { type }.Concat(type.EndsWith("Extensions", StringComparison.Ordinal) ? ExtensionMethods(sources[file]) : []);
                var word = new Regex($@"\b({string.Join('|', names.Select(Regex.Escape))})\b");
                if (!sources.Any(s => s.Key != file && word.IsMatch(s.Value)))
                {
                    unused.Add(type);
                }
            }
        }

        AssertNone(unused);
    }

    /// <summary>Fails with every problem listed in full (an equality assertion would cut the list short).</summary>
    private static void AssertNone(IEnumerable<string> problems)
    {
        var list = problems.ToList();
        if (list.Count > 0)
        {
            Assert.Fail($"{list.Count} found:{Environment.NewLine}{string.Join(Environment.NewLine, list)}");
        }
    }

    private static IEnumerable<string> ExtensionMethods(string source) =>
        ExtensionMethod().Matches(source).Select(m => m.Groups[1].Value);

    /// <summary>The public types declared at the top level of a file (nested types are part of their parent).</summary>
    private static IEnumerable<string> TopLevelPublicTypes(string source)
    {
        var depth = 0;
        foreach (var line in source.Split('\n'))
        {
            if (depth == 0 && TypeDeclaration().Match(line) is { Success: true } declaration)
            {
                yield return declaration.Groups[1].Value;
            }

            var code = line.Contains("//") ? line[..line.IndexOf("//", StringComparison.Ordinal)] : line;
            depth += code.Count(c => c == '{') - code.Count(c => c == '}');
        }
    }

    [GeneratedRegex(@"public\s+static\s+[\w<>\[\],?. ]+?\s+(\w+)(?:<[^>]*>)?\(\s*this\s")]
    private static partial Regex ExtensionMethod();

    [GeneratedRegex(@"\bStaffGuideBot\.Guidance\.(Content|Reports|Cards|Flow|Dsl|Bots)\b")]
    private static partial Regex GuidanceNamespace();

    [GeneratedRegex(@"^public\s+(?:(?:static|sealed|abstract|partial|readonly|record|ref)\s+)*(?:class|interface|struct|enum|record|delegate\s+\S+)\s+(\w+)")]
    private static partial Regex TypeDeclaration();
}
