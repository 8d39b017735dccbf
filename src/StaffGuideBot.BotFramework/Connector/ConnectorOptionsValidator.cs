using Microsoft.Extensions.Options;

namespace StaffGuideBot.BotFramework.Connector;

/// <summary>Checks <see cref="ConnectorOptions"/> at start-up.</summary>
public sealed class ConnectorOptionsValidator : IValidateOptions<ConnectorOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var prefix = ConnectorOptions.SectionName + ":";
        if (options.MaxRetryAttempts is < 0 or > 100)
        {
            errors.Add($"{prefix}MaxRetryAttempts must be between 0 and 100.");
        }

        if (options.BaseDelay <= TimeSpan.Zero || options.BaseDelay > TimeSpan.FromHours(1))
        {
            errors.Add($"{prefix}BaseDelay must be positive and at most one hour.");
        }

        if (options.MaxDelay < options.BaseDelay || options.MaxDelay > TimeSpan.FromHours(1))
        {
            errors.Add($"{prefix}MaxDelay must be at least BaseDelay and at most one hour.");
        }

        if (options.RequestTimeout < TimeSpan.FromMilliseconds(10) || options.RequestTimeout > TimeSpan.FromHours(1))
        {
            errors.Add($"{prefix}RequestTimeout must be between 10 ms and one hour.");
        }

        if (options.MessagesPerSecondPerConversation < 1)
        {
            errors.Add($"{prefix}MessagesPerSecondPerConversation must be at least 1.");
        }

        if (options.MaxQueuedMessagesPerConversation < 0)
        {
            errors.Add($"{prefix}MaxQueuedMessagesPerConversation must not be negative.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
