using StaffGuideBot.BotFramework.Builder;

namespace StaffGuideBot.BotFramework.State;

/// <summary>Reads and writes one named property of a <see cref="BotState"/>.</summary>
public interface IStatePropertyAccessor<T>
{
    string Name { get; }

    /// <summary>The value; when absent, <paramref name="defaultValueFactory"/>'s value is stored and returned (or default without one).</summary>
    Task<T?> GetAsync(ITurnContext turnContext, Func<T>? defaultValueFactory = null, CancellationToken cancellationToken = default);

    Task SetAsync(ITurnContext turnContext, T value, CancellationToken cancellationToken = default);

    Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default);
}
