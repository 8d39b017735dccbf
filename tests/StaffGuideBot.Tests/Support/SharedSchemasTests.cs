namespace StaffGuideBot.Tests.Support;

public class SharedSchemasTests
{
    [Fact]
    public void The_repository_root_holds_the_solution()
    {
        Assert.True(File.Exists(Path.Combine(SharedSchemas.RepositoryRoot, SharedSchemas.SolutionFileName)));
    }

    [SkippableFact]
    public void The_schema_folder_is_the_shared_folder_beside_the_repository()
    {
        SharedSchemas.SkipUnlessPresent();

        var expected = Path.GetFullPath(Path.Combine(SharedSchemas.RepositoryRoot, "..", "shared", "schemas"));

        Assert.Equal(expected, SharedSchemas.Directory);
        Assert.True(File.Exists(SharedSchemas.PathOf(AdaptiveCardSchema.SchemaFileName)));
    }

    [Fact]
    public void A_missing_schema_file_fails_with_a_message_naming_it()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => SharedSchemas.PathOf("no-such.schema.json"));

        Assert.Contains("no-such.schema.json", ex.Message, StringComparison.Ordinal);
    }
}
