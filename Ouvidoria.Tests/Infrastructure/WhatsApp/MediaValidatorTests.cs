using Ouvidoria.Infrastructure.WhatsApp;

namespace Ouvidoria.Tests.Infrastructure.WhatsApp;

public sealed class MediaValidatorTests
{
    private const long MiB = 1024 * 1024;

    private static readonly Dictionary<string, byte[]> Samples = new()
    {
        ["jpeg"] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8, 0x00],
        ["png"] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, .. "IHDR"u8],
        ["pdf"] = [.. "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"u8],
        ["mp4"] = [0x00, 0x00, 0x00, 0x18, .. "ftypisom"u8, 0x00, 0x00, 0x02, 0x00],
        ["3gp"] = [0x00, 0x00, 0x00, 0x14, .. "ftyp3gp4"u8, 0x00, 0x00, 0x00, 0x00],
        ["m4a"] = [0x00, 0x00, 0x00, 0x20, .. "ftypM4A "u8, 0x00, 0x00, 0x00, 0x00],
        ["ogg-opus"] = [.. "OggS"u8, 0x00, 0x02, .. new byte[20], 0x01, 0x13, .. "OpusHead"u8, 0x01, 0x01],
        ["ogg-vorbis"] = [.. "OggS"u8, 0x00, 0x02, .. new byte[20], 0x01, 0x1E, 0x01, .. "vorbis"u8, 0x00],
        ["mp3-id3"] = [.. "ID3"u8, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00],
        ["mp3-frame"] = [0xFF, 0xFB, 0x90, 0x64, 0x00, 0x00],
        ["amr"] = [.. "#!AMR\n"u8, 0x3C, 0x00],
        ["amr-wb"] = [.. "#!AMR-WB\n"u8, 0x04],
        ["aac-adts-f1"] = [0xFF, 0xF1, 0x50, 0x80, 0x02, 0x1F, 0xFC],
        ["aac-adts-f9"] = [0xFF, 0xF9, 0x50, 0x80, 0x02, 0x1F, 0xFC],
        ["zip"] = [.. "PK\x03\x04"u8, 0x14, 0x00, 0x06, 0x00],
        ["ole2"] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00, 0x00],
        ["rtf"] = [.. @"{\rtf1\ansi "u8],
        ["text"] = [.. "Relato: o ônibus não passou.\nLinha 2;3;4\n"u8],
        ["exe"] = [.. "MZ"u8, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00],
        ["elf"] = [0x7F, .. "ELF"u8, 0x02, 0x01, 0x01, 0x00],
        ["gif"] = [.. "GIF89a"u8, 0x01, 0x00],
        ["html"] = [.. "<html><script>alert(1)</script>"u8],
    };

    [Theory]
    [InlineData(IncomingMessageKind.Image, "image/jpeg", "jpeg")]
    [InlineData(IncomingMessageKind.Image, "image/png", "png")]
    [InlineData(IncomingMessageKind.Image, "IMAGE/JPEG", "jpeg")]
    [InlineData(IncomingMessageKind.Audio, "audio/ogg; codecs=opus", "ogg-opus")]
    [InlineData(IncomingMessageKind.Audio, "audio/ogg", "ogg-opus")]
    [InlineData(IncomingMessageKind.Audio, "audio/mpeg", "mp3-id3")]
    [InlineData(IncomingMessageKind.Audio, "audio/mpeg", "mp3-frame")]
    [InlineData(IncomingMessageKind.Audio, "audio/amr", "amr")]
    [InlineData(IncomingMessageKind.Audio, "audio/amr", "amr-wb")]
    [InlineData(IncomingMessageKind.Audio, "audio/aac", "aac-adts-f1")]
    [InlineData(IncomingMessageKind.Audio, "audio/aac", "aac-adts-f9")]
    [InlineData(IncomingMessageKind.Audio, "audio/mp4", "m4a")]
    [InlineData(IncomingMessageKind.Video, "video/mp4", "mp4")]
    [InlineData(IncomingMessageKind.Video, "video/3gpp", "3gp")]
    [InlineData(IncomingMessageKind.Document, "application/pdf", "pdf")]
    [InlineData(IncomingMessageKind.Document, "text/plain", "text")]
    [InlineData(IncomingMessageKind.Document, "text/csv", "text")]
    [InlineData(IncomingMessageKind.Document, "application/rtf", "rtf")]
    [InlineData(IncomingMessageKind.Document, "application/msword", "ole2")]
    [InlineData(IncomingMessageKind.Document, "application/vnd.ms-excel", "ole2")]
    [InlineData(IncomingMessageKind.Document, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "zip")]
    [InlineData(IncomingMessageKind.Document, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "zip")]
    [InlineData(IncomingMessageKind.Document, "application/vnd.oasis.opendocument.text", "zip")]
    [InlineData(IncomingMessageKind.Document, "application/zip", "zip")]
    public void Validate_DeclaredTypeMatchesSignature_ReturnsOk(IncomingMessageKind kind, string mime, string sample)
    {
        var result = MediaValidator.Validate(kind, mime, Samples[sample], 1000);

        Assert.True(result.IsValid, result.Reason);
        Assert.Null(result.Reason);
    }

    [Fact]
    public void Validate_RenamedExecutableDeclaredAsJpeg_IsRejected()
    {
        var result = MediaValidator.Validate(IncomingMessageKind.Image, "image/jpeg", Samples["exe"], 40_000);

        Assert.False(result.IsValid);
        Assert.Equal("O arquivo enviado não é uma imagem válida.", result.Reason);
    }

    [Theory]
    [InlineData(IncomingMessageKind.Image, "image/jpeg", "png", "O arquivo enviado não é uma imagem válida.")]
    [InlineData(IncomingMessageKind.Image, "image/png", "jpeg", "O arquivo enviado não é uma imagem válida.")]
    [InlineData(IncomingMessageKind.Image, "image/jpeg", "html", "O arquivo enviado não é uma imagem válida.")]
    [InlineData(IncomingMessageKind.Audio, "audio/mpeg", "aac-adts-f1", "O arquivo enviado não é um áudio válido.")]
    [InlineData(IncomingMessageKind.Audio, "audio/aac", "mp3-frame", "O arquivo enviado não é um áudio válido.")]
    [InlineData(IncomingMessageKind.Audio, "audio/ogg; codecs=opus", "ogg-vorbis", "O arquivo enviado não é um áudio válido.")]
    [InlineData(IncomingMessageKind.Audio, "audio/amr", "exe", "O arquivo enviado não é um áudio válido.")]
    [InlineData(IncomingMessageKind.Video, "video/mp4", "pdf", "O arquivo enviado não é um vídeo válido.")]
    [InlineData(IncomingMessageKind.Video, "video/3gpp", "elf", "O arquivo enviado não é um vídeo válido.")]
    [InlineData(IncomingMessageKind.Document, "application/pdf", "jpeg", "O arquivo enviado não é um documento válido.")]
    [InlineData(IncomingMessageKind.Document, "application/pdf", "exe", "O arquivo enviado não é um documento válido.")]
    [InlineData(IncomingMessageKind.Document, "text/plain", "exe", "O arquivo enviado não é um documento válido.")]
    [InlineData(IncomingMessageKind.Document, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "ole2", "O arquivo enviado não é um documento válido.")]
    [InlineData(IncomingMessageKind.Document, "application/msword", "zip", "O arquivo enviado não é um documento válido.")]
    public void Validate_SignatureDoesNotMatchDeclaredType_IsRejected(IncomingMessageKind kind, string mime, string sample, string reason)
    {
        var result = MediaValidator.Validate(kind, mime, Samples[sample], 1000);

        Assert.False(result.IsValid);
        Assert.Equal(reason, result.Reason);
    }

    [Theory]
    [InlineData(IncomingMessageKind.Image, "image/gif", "gif", "Formato de imagem não aceito")]
    [InlineData(IncomingMessageKind.Image, "application/octet-stream", "jpeg", "Formato de imagem não aceito")]
    [InlineData(IncomingMessageKind.Image, "", "jpeg", "Formato de imagem não aceito")]
    [InlineData(IncomingMessageKind.Image, null, "jpeg", "Formato de imagem não aceito")]
    [InlineData(IncomingMessageKind.Image, "application/pdf", "pdf", "Formato de imagem não aceito")]
    [InlineData(IncomingMessageKind.Audio, "audio/wav", "text", "Formato de áudio não aceito")]
    [InlineData(IncomingMessageKind.Video, "video/quicktime", "mp4", "Formato de vídeo não aceito")]
    [InlineData(IncomingMessageKind.Document, "application/x-msdownload", "exe", "Formato de documento não aceito")]
    [InlineData(IncomingMessageKind.Document, "text/html", "html", "Formato de documento não aceito")]
    [InlineData(IncomingMessageKind.Document, "image/jpeg", "jpeg", "Formato de documento não aceito")]
    public void Validate_MimeTypeNotAllowedForKind_IsRejected(IncomingMessageKind kind, string? mime, string sample, string reasonStart)
    {
        var result = MediaValidator.Validate(kind, mime, Samples[sample], 1000);

        Assert.False(result.IsValid);
        Assert.StartsWith(reasonStart, result.Reason);
    }

    [Theory]
    [InlineData(IncomingMessageKind.Image, "image/jpeg", "jpeg", 5 * MiB, "A imagem enviada passa do limite de 5 MB.")]
    [InlineData(IncomingMessageKind.Audio, "audio/mpeg", "mp3-id3", 16 * MiB, "O áudio enviado passa do limite de 16 MB.")]
    [InlineData(IncomingMessageKind.Video, "video/mp4", "mp4", 16 * MiB, "O vídeo enviado passa do limite de 16 MB.")]
    [InlineData(IncomingMessageKind.Document, "application/pdf", "pdf", 30 * MiB, "O documento enviado passa do limite de 30 MB.")]
    public void Validate_SizeLimit_AcceptsAtLimitAndRejectsAbove(IncomingMessageKind kind, string mime, string sample, long limit, string reason)
    {
        Assert.Equal(limit, MediaValidator.MaxBytes(kind));
        Assert.True(MediaValidator.Validate(kind, mime, Samples[sample], limit).IsValid);

        var result = MediaValidator.Validate(kind, mime, Samples[sample], limit + 1);

        Assert.False(result.IsValid);
        Assert.Equal(reason, result.Reason);
    }

    [Fact]
    public void Validate_DocumentOverManifestationLimitButUnderWhatsAppLimit_IsRejected()
    {
        var result = MediaValidator.Validate(IncomingMessageKind.Document, "application/pdf", Samples["pdf"], 50 * MiB);

        Assert.False(result.IsValid);
    }

    [Fact]
    public void Validate_EmptyFile_IsRejected()
    {
        Assert.Equal("O arquivo enviado está vazio.", MediaValidator.Validate(IncomingMessageKind.Image, "image/jpeg", [], 0).Reason);
        Assert.Equal("O arquivo enviado está vazio.", MediaValidator.Validate(IncomingMessageKind.Image, "image/jpeg", Samples["jpeg"], 0).Reason);
    }

    [Fact]
    public void Validate_TextWithNulInFirst4KB_IsRejected()
    {
        var header = new byte[MediaValidator.HeaderBytes];
        header.AsSpan().Fill((byte)'a');
        header[^1] = 0;

        Assert.False(MediaValidator.Validate(IncomingMessageKind.Document, "text/plain", header, header.Length).IsValid);
    }

    [Fact]
    public void Validate_TextWithNulAfterFirst4KB_IsAccepted()
    {
        var header = new byte[MediaValidator.HeaderBytes + 10];
        header.AsSpan().Fill((byte)'a');
        header[^1] = 0;

        Assert.True(MediaValidator.Validate(IncomingMessageKind.Document, "text/plain", header, header.Length).IsValid);
    }

    [Fact]
    public void Validate_TruncatedHeader_IsRejected()
    {
        Assert.False(MediaValidator.Validate(IncomingMessageKind.Image, "image/jpeg", Samples["jpeg"][..2], 2).IsValid);
        Assert.False(MediaValidator.Validate(IncomingMessageKind.Video, "video/mp4", Samples["mp4"][..7], 7).IsValid);
    }

    [Theory]
    [InlineData(IncomingMessageKind.Text)]
    [InlineData(IncomingMessageKind.Location)]
    [InlineData(IncomingMessageKind.Other)]
    public void Validate_NonMediaKind_Throws(IncomingMessageKind kind)
    {
        Assert.Throws<ArgumentException>(() => MediaValidator.Validate(kind, "image/jpeg", Samples["jpeg"], 10));
    }
}
