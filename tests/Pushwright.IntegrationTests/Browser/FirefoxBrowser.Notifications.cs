using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Pushwright.IntegrationTests.Browser;

/// <content>The notifications Firefox shows, read and clicked through Marionette.</content>
public sealed partial class FirefoxBrowser
{
    // Runs in Firefox's chrome. Each notification is an alert window (chrome://global/content/alerts/alert.xhtml,
    // window type "alert:alert") whose title is the value of #alertTitleLabel and whose body is the text of
    // #alertTextLabel (cut short on screen, whole in its tooltip, past alert.js's BODY_TEXT_LIMIT).
    // - A click on the notification is a click event on that window: alert.js's onAlertClick tells Firefox's
    //   notification code "alertclickcallback", which fires notificationclick in the service worker, the same
    //   path as a user's click.
    // - The alert window draws no action buttons. The desktop's notification backends report a click on one as
    //   "alertclickcallback" with the action (an nsIAlertAction) as its subject; this calls the window's listener
    //   (alert.js's gAlertListener, Firefox's notification observer) the same way, so the service worker gets
    //   notificationclick with event.action set.
    private const string NotificationsScript = """
        const [click, title, action, done] = arguments;
        const alerts = [...Services.wm.getEnumerator('alert:alert')].filter((w) => w.document.readyState === 'complete');
        const titleOf = (w) => w.document.getElementById('alertTitleLabel')?.getAttribute('value') ?? null;
        const bodyOf = (w) => {
          const label = w.document.getElementById('alertTextLabel');
          return label?.getAttribute('tooltiptext') ?? (label?.textContent || null);
        };
        const target = click ? alerts.find((w) => titleOf(w) === title) ?? null : null;
        if (target && action) {
          const subject = { action, title: action, QueryInterface: ChromeUtils.generateQI(['nsIAlertAction']) };
          target.gAlertListener.observe(subject, 'alertclickcallback', target.gAlertCookie);
          target.close();
        } else if (target) {
          target.document.getElementById('alertBox').click();
        }
        done({ shown: alerts.map((w) => ({ title: titleOf(w), body: bodyOf(w) })), clicked: target !== null });
        """;

    private Marionette? _marionette;

    /// <summary>Returns the notifications on screen.</summary>
    public async Task<IReadOnlyList<ShownNotification>> NotificationsAsync() => (await RunNotificationsScriptAsync(click: false, string.Empty, action: null)).Shown;

    /// <summary>
    /// Clicks the notification titled <paramref name="title"/> as a user would, or its button <paramref name="action"/>;
    /// returns false when no such notification is shown.
    /// </summary>
    public async Task<bool> ClickNotificationAsync(string title, string? action = null) => (await RunNotificationsScriptAsync(click: true, title, action)).Clicked;

    private async Task<(IReadOnlyList<ShownNotification> Shown, bool Clicked)> RunNotificationsScriptAsync(bool click, string title, string? action)
    {
        _marionette ??= await Marionette.ConnectAsync(ReadMarionettePort());
        var result = await _marionette.ExecuteScriptAsync(NotificationsScript, click, title, action!);
        var value = result.GetProperty("value");
        var shown = value.GetProperty("shown").EnumerateArray()
            .Select(n => new ShownNotification(n.GetProperty("title").GetString(), n.GetProperty("body").GetString()))
            .ToList();
        return (shown, value.GetProperty("clicked").GetBoolean());
    }

    private int ReadMarionettePort()
    {
        // Written once Firefox has started up, about when its push service connects.
        var path = Path.Combine(_profile, "MarionetteActivePort");
        return File.Exists(path) && int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? port
            : throw new InvalidOperationException($"Firefox has not written {path}: is Marionette on (--marionette)?");
    }
}
