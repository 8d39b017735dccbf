using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Content;

/// <summary>
/// Sibling pack folders in a temp folder, for packs that extend another: "base" (a copy of a fixture pack, or of any
/// pack folder) and "child", whose pack.yaml is <see cref="ChildPack"/> until a test writes another.
/// </summary>
public sealed class PackFamily : IDisposable
{
    public const string ChildPack = "id: child\nname: Child\nextends: base\n";

    private readonly TempDirectory _directory = new();

    public PackFamily(string baseFrom = "minimal", string baseName = "base")
    {
        var from = Directory.Exists(baseFrom) ? baseFrom : PackFixture.PathOf(baseFrom);
        Directory.CreateDirectory(Folder(baseName));
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(Folder(baseName), Path.GetFileName(file)));
        }

        Write("child", "pack.yaml", ChildPack.Replace("base", baseName, StringComparison.Ordinal));
    }

    /// <summary>The folder holding the packs.</summary>
    public string Root => _directory.Path;

    public string Folder(string pack) => _directory.Combine(pack);

    public string Read(string pack, string file) => File.ReadAllText(Path.Combine(Folder(pack), file));

    public PackFamily Write(string pack, string file, string text)
    {
        Directory.CreateDirectory(Folder(pack));
        File.WriteAllText(Path.Combine(Folder(pack), file), text);
        return this;
    }

    /// <summary>Replaces the only occurrence of <paramref name="old"/> in a file of <paramref name="pack"/>.</summary>
    public PackFamily Replace(string pack, string file, string old, string replacement)
    {
        var text = Read(pack, file);
        Assert.True(text.Split(old).Length == 2, $"'{old}' is not exactly once in {pack}/{file}");
        return Write(pack, file, text.Replace(old, replacement, StringComparison.Ordinal));
    }

    /// <summary>
    /// "file:line:column" of <paramref name="text"/> in a file of <paramref name="pack"/>, with the file named as
    /// problems of "child" name it: "flow.yaml" for the child's own, "../base/flow.yaml" for another pack's.
    /// </summary>
    public string At(string pack, string file, string text, string? after = null) =>
        PackFixture.Position(pack == "child" ? file : $"../{pack}/{file}", Read(pack, file), text, after);

    public (ContentPack? Pack, IReadOnlyList<ContentProblem> Problems) Load(string pack = "child") => ContentPackLoader.TryLoad(Folder(pack));

    /// <summary>Loads a pack that must have no errors.</summary>
    public ContentPack LoadValid(string pack = "child")
    {
        var (loaded, problems) = Load(pack);
        Assert.True(loaded is not null, string.Join('\n', problems));
        return loaded;
    }

    /// <summary>The errors of loading <paramref name="pack"/>, as printed; the pack must be refused.</summary>
    public List<string> Errors(string pack = "child")
    {
        var (loaded, problems) = Load(pack);
        Assert.Null(loaded);
        return problems.Where(p => p.IsError).Select(p => p.ToString()).ToList();
    }

    public void Dispose() => _directory.Dispose();
}
