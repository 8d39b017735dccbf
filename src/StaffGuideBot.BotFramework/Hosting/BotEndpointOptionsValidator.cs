using Microsoft.Extensions.Options;

namespace StaffGuideBot.BotFramework.Hosting;

/// <summary>Checks <see cref="BotEndpointOptions"/> at start-up; each problem names its key.</summary>
public sealed class BotEndpointOptionsValidator : IValidateOptions<BotEndpointOptions>
{
    /// <summary>The largest body limit accepted (the body is read into one buffer).</summary>
    public const long MaxBodyLimit = 100L * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, BotEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.MaxRequestBodyBytes is > 0 and <= MaxBodyLimit
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{BotEndpointOptions.SectionName}:MaxRequestBodyBytes must be between 1 and {MaxBodyLimit} (100 MB).");
    }
}
