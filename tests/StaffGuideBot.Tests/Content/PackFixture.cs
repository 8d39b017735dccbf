using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Content;

/// <summary>
/// A copy of a fixture pack in a temp folder, to break with one edit and load. <see cref="At"/> gives the
/// "file:line:column" of a piece of text in the edited file, so a test can assert the exact position of a problem.
/// </summary>
public sealed class PackFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public PackFixture(string name = "minimal")
    {
        Folder = _directory.Path;
        foreach (var file in Directory.EnumerateFiles(PathOf(name)))
        {
            File.Copy(file, Path.Combine(Folder, Path.GetFileName(file)));
        }
    }

    public string Folder { get; }

    /// <summary>The folder of a fixture pack in the test output (Content/Packs/&lt;name&gt;).</summary>
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Content", "Packs", name);

    public string Read(string file) => File.ReadAllText(Path.Combine(Folder, file));

    public void Write(string file, string text) => File.WriteAllText(Path.Combine(Folder, file), text);

    public void Delete(string file) => File.Delete(Path.Combine(Folder, file));

    /// <summary>Replaces the only occurrence of <paramref name="old"/> in <paramref name="file"/>.</summary>
    public PackFixture Replace(string file, string old, string replacement)
    {
        var text = Read(file);
        var at = text.IndexOf(old, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{old}' is not in {file}");
        Assert.True(text.IndexOf(old, at + 1, StringComparison.Ordinal) < 0, $"'{old}' occurs more than once in {file}");
        Write(file, string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + old.Length)));
        return this;
    }

    /// <summary>"file:line:column" of the first occurrence of <paramref name="text"/> after <paramref name="after"/> (if given).</summary>
    public string At(string file, string text, string? after = null) => Position(file, Read(file), text, after);

    /// <summary>"<paramref name="file"/>:line:column" of the first <paramref name="text"/> in <paramref name="content"/> after <paramref name="after"/> (if given).</summary>
    public static string Position(string file, string content, string text, string? after = null)
    {
        var from = after is null ? 0 : content.IndexOf(after, StringComparison.Ordinal);
        Assert.True(from >= 0, $"'{after}' is not in {file}");
        var at = content.IndexOf(text, from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{text}' is not in {file}");
        var line = 1 + content.AsSpan(0, at).Count('\n');
        var lineStart = at == 0 ? 0 : content.LastIndexOf('\n', at - 1) + 1;
        return $"{file}:{line}:{at - lineStart + 1}";
    }

    public (ContentPack? Pack, IReadOnlyList<ContentProblem> Problems) Load() => ContentPackLoader.TryLoad(Folder);

    /// <summary>Loads the pack and asserts it has exactly one error, printed as <paramref name="expected"/>.</summary>
    public void AssertSingleError(string expected)
    {
        var (pack, problems) = Load();
        var errors = problems.Where(p => p.IsError).Select(p => p.ToString()).ToList();
        Assert.True(errors.Count == 1, $"expected one error, got {errors.Count}:\n{string.Join('\n', errors)}");
        Assert.Equal(expected, errors[0]);
        Assert.Null(pack);
    }

    public void Dispose() => _directory.Dispose();
}
