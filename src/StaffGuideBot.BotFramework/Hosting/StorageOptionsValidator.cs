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
        var provider = options.Provider?.Trim();
        var sqlite = string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase);
        if (!sqlite && !string.Equals(provider, "Memory", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{prefix}Provider '{options.Provider}' is not known; use Sqlite or Memory.");
        }

        if (sqlite && string.IsNullOrWhiteSpace(options.SqlitePath))
        {
            errors.Add($"{prefix}SqlitePath must name the SQLite file.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
