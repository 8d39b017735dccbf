using Azure.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Identity.Client;

namespace StaffGuideBot.BotFramework.Authentication;

/// <summary>Fails start-up (with <c>ValidateOnStart</c>) when the bot identity configuration is incomplete.</summary>
public sealed class BotIdentityOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<BotIdentityOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, BotIdentityOptions options)
    {
        var errors = AccessTokenProviderFactory.Validate(options);
        return errors.Count == 0
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Success
            : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(errors);
    }
}
