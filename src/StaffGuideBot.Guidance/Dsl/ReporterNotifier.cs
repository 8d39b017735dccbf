using StaffGuideBot.BotFramework.Builder;
using Microsoft.Extensions.Options;
using StaffGuideBot.BotFramework.Authentication;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>Reaches the reporter through a proactive turn in the conversation the report came from.</summary>
public sealed class ReporterNotifier(BotAdapter adapter, IOptions<BotIdentityOptions> identity) : IReporterNotifier
{
    private readonly System.Security.Claims.ClaimsIdentity _bot = BotClaims.CreateIdentity(identity.Value.MicrosoftAppId);

    public Task TellAsync(Report report, string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var reference = new ConversationReference
        {
            ChannelId = Channels.Msteams,
            ServiceUrl = report.Reporter.ServiceUrl,
            Conversation = new ConversationAccount { Id = report.Reporter.ConversationId, ConversationType = ConversationTypes.Personal, TenantId = report.Reporter.TenantId },
            User = new ChannelAccount { Id = report.Reporter.UserId, Name = report.Reporter.Name, AadObjectId = report.Reporter.AadObjectId },
        };
        return adapter.ContinueConversationAsync(_bot, reference, (turn, ct) => turn.SendActivityAsync(text, ct), cancellationToken);
    }
}
