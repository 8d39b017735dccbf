namespace StaffGuideBot.Guidance.Content;

/// <summary>
/// Whoever must hear about a change of content (a new version live, or an edit refused): the content layer only says
/// what happened; the DSL layer decides who is told and how (<c>Dsl.ContentAlerts</c>).
/// </summary>
public interface IContentAdmins
{
    Task TellAdminsAsync(ContentStatus status, CancellationToken cancellationToken = default);
}
