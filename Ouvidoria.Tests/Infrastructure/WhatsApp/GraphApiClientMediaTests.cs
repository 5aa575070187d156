using System.Security.Cryptography;
using Ouvidoria.Infrastructure.WhatsApp;
using Ouvidoria.Tests.Support.WhatsApp;

namespace Ouvidoria.Tests.Infrastructure.WhatsApp;

public sealed class GraphApiClientMediaTests : IClassFixture<FakeGraphApi>, IDisposable
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8, 0x00, 0x01, 0x02, 0x03];

    private readonly FakeGraphApi fake;
    private readonly HttpClient http = new();
    private readonly GraphApiClient client;

    public GraphApiClientMediaTests(FakeGraphApi fake)
    {
        this.fake = fake;
        fake.Reset();
        client = new GraphApiClient(http, fake.Options());
    }

    public void Dispose() => http.Dispose();

    [Fact]
    public async Task GetMediaAsync_RegisteredMedia_ReturnsMetadata()
    {
        var id = fake.RegisterMedia(Jpeg, "image/jpeg");

        var media = await client.GetMediaAsync(id);

        Assert.Equal(id, media.Id);
        Assert.Equal(new Uri($"{fake.BaseUrl}/media-bytes/{id}"), media.Url);
        Assert.Equal("image/jpeg", media.MimeType);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Jpeg)), media.Sha256);
        Assert.Equal(Jpeg.Length, media.FileSize);
    }

    [Fact]
    public async Task GetMediaAsync_UnknownId_ThrowsPermanentGraphApiException()
    {
        var ex = await Assert.ThrowsAsync<GraphApiException>(() => client.GetMediaAsync("999"));

        Assert.Equal(400, ex.HttpStatus);
        Assert.Equal(100, ex.ErrorCode);
        Assert.False(ex.IsTransient);
    }

    [Fact]
    public async Task GetMediaAsync_WrongToken_ThrowsGraphApiException()
    {
        var id = fake.RegisterMedia(Jpeg, "image/jpeg");
        var wrong = new GraphApiClient(http, fake.Options(accessToken: "expired"));

        var ex = await Assert.ThrowsAsync<GraphApiException>(() => wrong.GetMediaAsync(id));

        Assert.Equal(401, ex.HttpStatus);
        Assert.Equal(190, ex.ErrorCode);
    }

    [Fact]
    public async Task GetMediaAsync_ServerUnreachable_ThrowsTransientGraphApiException()
    {
        var options = fake.Options();
        options.GraphBaseUrl = "http://127.0.0.1:1";

        var ex = await Assert.ThrowsAsync<GraphApiException>(() => new GraphApiClient(http, options).GetMediaAsync("1"));

        Assert.True(ex.IsTransient);
    }

    [Fact]
    public async Task DownloadMediaAsync_CorrectHash_WritesBytesAndReturnsOk()
    {
        var media = await client.GetMediaAsync(fake.RegisterMedia(Jpeg, "image/jpeg"));
        using var destination = new MemoryStream();

        var result = await client.DownloadMediaAsync(media, destination, maxBytes: 1024);

        Assert.Equal(new MediaDownloadResult(MediaDownloadStatus.Ok, Jpeg.Length), result);
        Assert.Equal(Jpeg, destination.ToArray());
    }

    [Fact]
    public async Task DownloadMediaAsync_LargeStreamedFile_HashesAcrossChunks()
    {
        var bytes = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);
        var media = await client.GetMediaAsync(fake.RegisterMedia(bytes, "video/mp4"));
        using var destination = new MemoryStream();

        var result = await client.DownloadMediaAsync(media, destination, maxBytes: 16 * 1024 * 1024);

        Assert.True(result.IsOk, result.Reason);
        Assert.Equal(bytes.Length, result.BytesWritten);
        Assert.Equal(bytes, destination.ToArray());
    }

    [Fact]
    public async Task DownloadMediaAsync_Base64Hash_ReturnsOk()
    {
        var id = fake.RegisterMedia(Jpeg, "image/jpeg", sha256: Convert.ToBase64String(SHA256.HashData(Jpeg)));
        var media = await client.GetMediaAsync(id);

        var result = await client.DownloadMediaAsync(media, new MemoryStream(), 1024);

        Assert.Equal(MediaDownloadStatus.Ok, result.Status);
    }

    [Fact]
    public async Task DownloadMediaAsync_UppercaseHexHash_ReturnsOk()
    {
        var id = fake.RegisterMedia(Jpeg, "image/jpeg", sha256: Convert.ToHexString(SHA256.HashData(Jpeg)));

        var result = await client.DownloadMediaAsync(await client.GetMediaAsync(id), new MemoryStream(), 1024);

        Assert.Equal(MediaDownloadStatus.Ok, result.Status);
    }

    [Fact]
    public async Task DownloadMediaAsync_WrongHash_ReturnsHashMismatch()
    {
        var id = fake.RegisterMedia(Jpeg, "image/jpeg", sha256: Convert.ToHexStringLower(SHA256.HashData("other bytes"u8)));

        var result = await client.DownloadMediaAsync(await client.GetMediaAsync(id), new MemoryStream(), 1024);

        Assert.Equal(MediaDownloadStatus.HashMismatch, result.Status);
        Assert.Equal(1, fake.MediaDownloads);
    }

    [Fact]
    public async Task DownloadMediaAsync_DeclaredSizeOverLimit_ReturnsTooLargeWithoutDownloading()
    {
        var media = await client.GetMediaAsync(fake.RegisterMedia(new byte[2048], "application/pdf"));

        var result = await client.DownloadMediaAsync(media, new MemoryStream(), maxBytes: 1024);

        Assert.Equal(MediaDownloadStatus.TooLarge, result.Status);
        Assert.Equal(0, fake.MediaDownloads);
    }

    [Fact]
    public async Task DownloadMediaAsync_ActualSizeOverLimitDespiteSmallDeclaredSize_StopsAtLimit()
    {
        var bytes = RandomNumberGenerator.GetBytes(512 * 1024);
        var media = await client.GetMediaAsync(fake.RegisterMedia(bytes, "application/pdf", fileSize: 10));
        using var destination = new MemoryStream();

        var result = await client.DownloadMediaAsync(media, destination, maxBytes: 100 * 1024);

        Assert.Equal(MediaDownloadStatus.TooLarge, result.Status);
        Assert.True(destination.Length <= 100 * 1024);
        Assert.Equal(destination.Length, result.BytesWritten);
    }

    [Fact]
    public async Task DownloadMediaAsync_WrongToken_ReturnsFailed()
    {
        var media = await client.GetMediaAsync(fake.RegisterMedia(Jpeg, "image/jpeg"));
        var wrong = new GraphApiClient(http, fake.Options(accessToken: "expired"));

        var result = await wrong.DownloadMediaAsync(media, new MemoryStream(), 1024);

        Assert.Equal(MediaDownloadStatus.Failed, result.Status);
        Assert.Contains("401", result.Reason);
        Assert.Equal(0, fake.MediaDownloads);
    }

    [Fact]
    public async Task DownloadMediaAsync_PlainHttpNonLoopbackUrl_ReturnsFailedWithoutSendingToken()
    {
        var media = new MediaMetadata("1", new Uri("http://example.invalid/media"), "image/jpeg", Convert.ToHexStringLower(SHA256.HashData(Jpeg)), Jpeg.Length);

        var result = await client.DownloadMediaAsync(media, new MemoryStream(), 1024);

        Assert.Equal(MediaDownloadStatus.Failed, result.Status);
        Assert.Contains("non-HTTPS", result.Reason);
    }

    [Fact]
    public async Task DownloadMediaAsync_UnreadableHash_ReturnsFailed()
    {
        var media = await client.GetMediaAsync(fake.RegisterMedia(Jpeg, "image/jpeg", sha256: "not-a-hash"));

        var result = await client.DownloadMediaAsync(media, new MemoryStream(), 1024);

        Assert.Equal(MediaDownloadStatus.Failed, result.Status);
        Assert.Equal(0, fake.MediaDownloads);
    }

    [Theory]
    [InlineData("c2f1e4a1b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708", true)]
    [InlineData("C2F1E4A1B7C8D9E0F1A2B3C4D5E6F708192A3B4C5D6E7F8091A2B3C4D5E6F708", true)]
    [InlineData("wvHkobfI2eDxorPE1eb3CBkqO0xdbn+AkaKzxNXm9wg=", true)]
    [InlineData("wvHkobfI2eDxorPE1eb3CBkqO0xdbn-AkaKzxNXm9wg", true)]
    [InlineData("c2f1e4a1b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7", false)]
    [InlineData("zz", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void TryDecodeSha256_Formats_DecodeHexAndBase64(string? value, bool expected)
    {
        Assert.Equal(expected, GraphApiClient.TryDecodeSha256(value, out var hash));
        if (expected)
        {
            Assert.Equal(Convert.FromHexString("c2f1e4a1b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708"), hash);
        }
    }
}
