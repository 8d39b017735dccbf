using Microsoft.Extensions.Options;

namespace StaffGuideBot.BotFramework.Hosting;

/// <summary>Checks <see cref="StorageOptions"/> at start-up; each problem names its key.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var prefix = StorageOptions.SectionName + ":";
        var sqlite = options.Is("Sqlite");
        if (!sqlite && !options.Is("Postgres") && !options.Is("Memory"))
        {
            errors.Add($"{prefix}Provider '{options.Provider}' is not known; use Sqlite, Postgres or Memory.");
        }

        if (options.Is("Postgres"))
        {
            if (string.IsNullOrWhiteSpace(options.PostgresConnectionString))
            {
                errors.Add($"{prefix}PostgresConnectionString must be set when {prefix}Provider is Postgres (e.g. Host=db.example.org;Database=staffguidebot;Username=staffguidebot).");
            }
            else
            {
                try
                {
                    _ = new Npgsql.NpgsqlConnectionStringBuilder(options.PostgresConnectionString);
                }
                catch (ArgumentException ex)
                {
                    // The message names the bad keyword, never the value (which may hold a password).
                    errors.Add($"{prefix}PostgresConnectionString is not a valid connection string: {ex.Message}");
                }
            }
        }

        if (sqlite && string.IsNullOrWhiteSpace(options.SqlitePath))
        {
            errors.Add($"{prefix}SqlitePath must name the SQLite file.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
