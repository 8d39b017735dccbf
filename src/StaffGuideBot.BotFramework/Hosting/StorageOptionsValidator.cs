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
                    var connection = new Npgsql.NpgsqlConnectionStringBuilder(options.PostgresConnectionString);
                    if (!string.IsNullOrWhiteSpace(options.PostgresEntraClientId) && !string.IsNullOrEmpty(connection.Password))
                    {
                        errors.Add($"{prefix}PostgresConnectionString has a password, but {prefix}PostgresEntraClientId says the bot signs in with its managed identity's token: remove the password.");
                    }

                    if (!string.IsNullOrWhiteSpace(options.PostgresEntraClientId) && connection.SslMode != Npgsql.SslMode.VerifyFull)
                    {
                        errors.Add($"{prefix}PostgresConnectionString must say SSL Mode=VerifyFull when {prefix}PostgresEntraClientId is set: the identity's token is the password, so the server's certificate must be checked before it is sent.");
                    }
                }
                catch (ArgumentException ex)
                {
                    // The message names the bad keyword, never the value (which may hold a password).
                    errors.Add($"{prefix}PostgresConnectionString is not a valid connection string: {ex.Message}");
                }
            }
        }

        if (!string.IsNullOrWhiteSpace(options.PostgresEntraClientId) && !Guid.TryParse(options.PostgresEntraClientId, out _))
        {
            errors.Add($"{prefix}PostgresEntraClientId must be the managed identity's client id (a GUID).");
        }

        if (sqlite && string.IsNullOrWhiteSpace(options.SqlitePath))
        {
            errors.Add($"{prefix}SqlitePath must name the SQLite file.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
