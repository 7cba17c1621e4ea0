namespace Pushwright.IntegrationTests.Browser;

/// <summary>A notification Firefox shows, as its alert window draws it.</summary>
/// <param name="Title">The title, or <see langword="null"/> if the window has none.</param>
/// <param name="Body">The body text, or <see langword="null"/> if the notification has none.</param>
public sealed record ShownNotification(string? Title, string? Body);
