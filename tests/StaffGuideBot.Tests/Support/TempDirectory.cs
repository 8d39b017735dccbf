namespace StaffGuideBot.Tests.Support;

/// <summary>
/// A fresh folder of its own under the system temp folder (owner-only on Unix), deleted on dispose. The one way the
/// tests make a temp folder; StaffGuideBot.BotFramework.Tests compiles this same file.
/// </summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("staffguidebot-tests-").FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a leftover temp folder is harmless
        }
        catch (UnauthorizedAccessException)
        {
            // as above
        }
    }
}
