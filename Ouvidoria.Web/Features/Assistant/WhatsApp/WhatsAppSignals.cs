namespace Ouvidoria.Web.Features.Assistant.WhatsApp;

/// <summary>Wakes the background workers as soon as there is work (they also poll, so nothing waits forever).</summary>
public sealed class WhatsAppSignals
{
    public SemaphoreSlim Inbox { get; } = new(0);

    public SemaphoreSlim Outbox { get; } = new(0);

    public static void Wake(SemaphoreSlim signal)
    {
        if (signal.CurrentCount == 0)
        {
            signal.Release();
        }
    }
}
