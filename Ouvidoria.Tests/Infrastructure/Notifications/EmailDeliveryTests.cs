using Microsoft.Extensions.Options;
using Ouvidoria.Infrastructure.Notifications;
using Ouvidoria.Tests.Support.Mail;

namespace Ouvidoria.Tests.Infrastructure.Notifications;

/// <summary>
/// The outbox's retry rules: a capped backoff that never gives up on transient failures, and the
/// SMTP replies that count as a permanent refusal of the message (System.Net.Mail against a
/// server that answers what the test says).
/// </summary>
public sealed class EmailDeliveryTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private readonly string pickup = Path.Combine(Path.GetTempPath(), $"ouvidoria-pickup-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(pickup))
        {
            Directory.Delete(pickup, recursive: true);
        }
    }

    [Fact]
    public void MarkFailed_ThousandsOfTransientFailures_BacksOffUpToTheCeilingAndNeverGivesUp()
    {
        var message = Message("saude@demo.gov.br");
        var delays = new List<TimeSpan>();
        var now = Now;
        for (var i = 0; i < 5000; i++)
        {
            message.MarkFailed("Failure sending mail. → Connection refused", TimeSpan.FromHours(1), now);
            delays.Add(message.NextAttemptAt - now);
            now = message.NextAttemptAt;
        }

        Assert.Equal([30, 60, 120, 240, 480, 960, 1920, 3600, 3600], delays.Take(9).Select(d => (int)d.TotalSeconds));
        Assert.All(delays.Skip(7), d => Assert.Equal(TimeSpan.FromHours(1), d));
        Assert.Equal((5000, (DateTimeOffset?)null, (DateTimeOffset?)null), (message.Attempts, message.FailedAt, message.SentAt));
        Assert.True(message.IsPending);
    }

    [Fact]
    public void RetryDelay_ConfiguredCeiling_IsTheLongestWait()
    {
        Assert.Equal(TimeSpan.FromMinutes(4), EmailNotification.RetryDelay(4, TimeSpan.FromMinutes(10)));
        Assert.Equal(TimeSpan.FromMinutes(10), EmailNotification.RetryDelay(6, TimeSpan.FromMinutes(10)));
        Assert.Equal(TimeSpan.FromMinutes(10), EmailNotification.RetryDelay(int.MaxValue, TimeSpan.FromMinutes(10)));
        Assert.Equal(EmailNotification.FirstRetryDelay, EmailNotification.RetryDelay(3, TimeSpan.Zero));
    }

    [Fact]
    public void MarkRejected_ThenRequeue_IsDueAgainWithTheBackoffFromTheStart()
    {
        var message = Message("inexistente@demo.gov.br");
        message.MarkFailed("timeout", TimeSpan.FromHours(1), Now);
        message.MarkRejected("550 mailbox unknown", Now.AddMinutes(1));
        Assert.False(message.IsPending);
        Assert.Equal((2, Now.AddMinutes(1)), (message.Attempts, message.FailedAt));

        message.Requeue(Now.AddDays(1));

        Assert.True(message.IsPending);
        Assert.Equal((0, Now.AddDays(1)), (message.Attempts, message.NextAttemptAt));
        Assert.Throws<InvalidOperationException>(() => message.Requeue(Now.AddDays(1)));
    }

    [Theory]
    [InlineData("550 5.1.1 <x@y> User unknown")]
    [InlineData("553 5.1.3 Mailbox name not allowed")]
    [InlineData("551 5.1.6 User not local")]
    public async Task Send_ServerRefusesTheRecipientWith5xx_IsAPermanentRejection(string reply)
    {
        await using var server = new ScriptedSmtpServer { RecipientReply = _ => reply };

        var error = await Assert.ThrowsAsync<EmailRejectedException>(() => Sender(server).SendAsync(Message("inexistente@demo.gov.br"), CancellationToken.None));

        Assert.Contains($"({reply[..3]})", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.Accepted);
    }

    [Theory]
    [InlineData("450 4.2.1 Mailbox busy", null)]
    [InlineData("452 4.3.1 Insufficient storage", null)]
    [InlineData("250 2.1.5 OK", "451 4.3.0 Try again later")]
    [InlineData("250 2.1.5 OK", "554 5.7.1 Relay access denied")]
    public async Task Send_TemporaryOrServerSideFailure_IsTransient(string recipientReply, string? dataReply)
    {
        await using var server = new ScriptedSmtpServer { RecipientReply = _ => recipientReply, DataReply = dataReply ?? "250 2.0.0 queued" };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => Sender(server).SendAsync(Message("saude@demo.gov.br"), CancellationToken.None));

        Assert.IsNotType<EmailRejectedException>(error);
    }

    [Fact]
    public async Task Send_NobodyListening_IsTransient()
    {
        int port;
        await using (var closed = new ScriptedSmtpServer())
        {
            port = closed.Port;
        }

        var sender = new SmtpEmailSender(Options.Create(new EmailOptions { Delivery = EmailDelivery.Smtp, Host = "127.0.0.1", Port = port }), new PickupDirectory(pickup));
        var error = await Assert.ThrowsAnyAsync<Exception>(() => sender.SendAsync(Message("saude@demo.gov.br"), CancellationToken.None));

        Assert.IsNotType<EmailRejectedException>(error);
    }

    [Fact]
    public async Task Send_MalformedRecipient_IsAPermanentRejection()
    {
        await using var server = new ScriptedSmtpServer();

        await Assert.ThrowsAsync<EmailRejectedException>(() => Sender(server).SendAsync(Message("não é um endereço"), CancellationToken.None));
    }

    [Fact]
    public async Task Send_ServerAccepts_Delivers()
    {
        await using var server = new ScriptedSmtpServer();

        await Sender(server).SendAsync(Message("saude@demo.gov.br"), CancellationToken.None);

        Assert.Equal(1, server.Accepted);
    }

    private static EmailNotification Message(string recipient) =>
        new(EmailTemplates.Forwarded, recipient, new RenderedEmail("Assunto", "Texto", "<p>Texto</p>"), null, null, Now);

    private SmtpEmailSender Sender(ScriptedSmtpServer server) =>
        new(Options.Create(new EmailOptions { Delivery = EmailDelivery.Smtp, Host = "127.0.0.1", Port = server.Port }), new PickupDirectory(pickup));
}
