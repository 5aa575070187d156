using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Ouvidoria.Domain.Common;
using Ouvidoria.Infrastructure.Storage;

namespace Ouvidoria.Tests.Infrastructure.Storage;

/// <summary>Encryption at rest (ADR 0012): nothing readable on disk, every altered byte detected, streamed both ways.</summary>
public sealed class EncryptedFileStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
    private readonly string root = Path.Combine(Path.GetTempPath(), $"ouvidoria-store-{Guid.NewGuid():N}");
    private readonly IDataProtectionProvider keys = new EphemeralDataProtectionProvider();

    private FileStore Store => new(root, keys);

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private string PathOf(StoredFile file) => Path.Combine(root, file.Key);

    private static byte[] Random(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task SaveAsync_Text_FileOnDiskDoesNotContainThePlaintext()
    {
        var secret = "Denúncia: o fiscal Joaquim Pereira cobra propina na obra da Rua das Flores. "u8.ToArray();
        var content = Enumerable.Repeat(secret, 50).SelectMany(b => b).ToArray();

        var stored = await Store.SaveAsync(new MemoryStream(content), 1024 * 1024, Now);

        var onDisk = await File.ReadAllBytesAsync(PathOf(stored));
        Assert.True(onDisk.AsSpan().IndexOf("Joaquim"u8) < 0);
        Assert.True(onDisk.AsSpan().IndexOf(secret.AsSpan(0, 16)) < 0);
        Assert.StartsWith("OUVA", System.Text.Encoding.ASCII.GetString(onDisk, 0, 4));
        Assert.Equal(content.Length, stored.SizeBytes);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(EncryptedFile.ChunkSize)]
    [InlineData(EncryptedFile.ChunkSize + 1)]
    [InlineData(5 * 1024 * 1024)]
    public async Task OpenRead_AfterSave_ReturnsTheSameBytesStreamedWithTheRightLength(int length)
    {
        var content = Random(length);

        var stored = await Store.SaveAsync(new MemoryStream(content), 30L * 1024 * 1024, Now);
        await using var read = Store.OpenRead(stored.Key);

        Assert.Equal(length, read.Length);
        Assert.Equal(SHA256.HashData(content), SHA256.HashData(await ReadAllAsync(read)));
    }

    [Fact]
    public async Task OpenRead_Seek_ReadsFromAnyChunk()
    {
        var content = Random(3 * EncryptedFile.ChunkSize + 100);
        var stored = await Store.SaveAsync(new MemoryStream(content), 30L * 1024 * 1024, Now);
        await using var read = Store.OpenRead(stored.Key);

        read.Position = (2 * EncryptedFile.ChunkSize) - 10;
        var buffer = new byte[50];
        read.ReadExactly(buffer);

        Assert.Equal(content.AsSpan((2 * EncryptedFile.ChunkSize) - 10, 50).ToArray(), buffer);
    }

    [Theory]
    [InlineData(20)]    // inside the wrapped key
    [InlineData(-10)]   // the last chunk's tag
    [InlineData(-70000)] // the middle of a full chunk
    public async Task OpenRead_OneByteChanged_ThrowsCorrupted(int offset)
    {
        var content = Random((2 * EncryptedFile.ChunkSize) + 500);
        var stored = await Store.SaveAsync(new MemoryStream(content), 30L * 1024 * 1024, Now);
        var bytes = await File.ReadAllBytesAsync(PathOf(stored));
        var at = offset >= 0 ? offset : bytes.Length + offset;
        bytes[at] ^= 0x01;
        await File.WriteAllBytesAsync(PathOf(stored), bytes);

        var error = await Assert.ThrowsAsync<StoredFileCorruptedException>(async () =>
        {
            await using var read = Store.OpenRead(stored.Key);
            await ReadAllAsync(read);
        });
        Assert.Contains("arquivo armazenado", error.Message);
    }

    [Fact]
    public async Task OpenRead_TruncatedAtAChunkBoundary_ThrowsCorrupted()
    {
        var content = Random(3 * EncryptedFile.ChunkSize);
        var stored = await Store.SaveAsync(new MemoryStream(content), 30L * 1024 * 1024, Now);
        var bytes = await File.ReadAllBytesAsync(PathOf(stored));
        // Drop the (empty) final chunk: the previous one was not written as final.
        await File.WriteAllBytesAsync(PathOf(stored), bytes[..^EncryptedFile.TagSize]);

        await Assert.ThrowsAsync<StoredFileCorruptedException>(async () =>
        {
            await using var read = Store.OpenRead(stored.Key);
            await ReadAllAsync(read);
        });
    }

    [Fact]
    public async Task OpenRead_PlaintextFile_ThrowsCorrupted()
    {
        var stored = await Store.SaveAsync(new MemoryStream("%PDF-1.4"u8.ToArray()), 1024, Now);
        await File.WriteAllBytesAsync(PathOf(stored), "%PDF-1.4 em claro"u8.ToArray());

        var error = Assert.Throws<StoredFileCorruptedException>(() => Store.OpenRead(stored.Key));
        Assert.Equal("O arquivo armazenado não está no formato cifrado do sistema.", error.Message);
    }

    [Fact]
    public async Task OpenRead_AnotherKeyRing_ThrowsCorrupted()
    {
        var stored = await Store.SaveAsync(new MemoryStream(Random(1000)), 30L * 1024 * 1024, Now);
        var otherOffice = new FileStore(root, new EphemeralDataProtectionProvider());

        Assert.Throws<StoredFileCorruptedException>(() => otherOffice.OpenRead(stored.Key));
    }

    [Fact]
    public async Task SaveAsync_PastTheLimit_RefusesAndLeavesNoFile()
    {
        await Assert.ThrowsAsync<DomainException>(() => Store.SaveAsync(new MemoryStream(Random(2000)), 1000, Now));

        Assert.Empty(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories));
    }
}
