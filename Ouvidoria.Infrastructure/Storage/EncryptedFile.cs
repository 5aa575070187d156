using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Ouvidoria.Infrastructure.Storage;

/// <summary>A stored file that cannot be decrypted: wrong format, unknown key or altered bytes.</summary>
public sealed class StoredFileCorruptedException(string message, Exception? inner = null) : IOException(message, inner);

/// <summary>
/// The at-rest format of every stored file (ADR 0012): envelope encryption with a random 256-bit
/// key per file, wrapped by ASP.NET Core Data Protection, and AES-256-GCM over fixed-size chunks.
/// <code>
/// header  = "OUVA" | version (1) | chunk size (int32 BE) | wrapped key length (uint16 BE) | wrapped key
/// chunk i = AES-GCM(key, nonce = i (uint64 BE) | 0 0 0 | final flag, aad = header, plaintext ≤ chunk size) | tag (16)
/// </code>
/// The last chunk (possibly empty) alone carries the final flag, so chunks cannot be reordered,
/// dropped, duplicated or the file truncated/extended without a tag failure; the header is the
/// associated data of every chunk, so it cannot be swapped either.
/// </summary>
public static class EncryptedFile
{
    public const byte Version = 1;

    public const int ChunkSize = 64 * 1024;

    public const int TagSize = 16;

    private const int NonceSize = 12;

    private const int KeySize = 32;

    private static ReadOnlySpan<byte> Magic => "OUVA"u8;

    /// <summary>A write-only stream that encrypts into <paramref name="target"/>; call <see cref="EncryptingStream.CompleteAsync"/> to write the final chunk.</summary>
    public static EncryptingStream CreateWriter(Stream target, IDataProtector protector)
    {
        var key = RandomNumberGenerator.GetBytes(KeySize);
        var wrapped = protector.Protect(key);
        var header = new byte[Magic.Length + 1 + 4 + 2 + wrapped.Length];
        Magic.CopyTo(header);
        header[4] = Version;
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(5), ChunkSize);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(9), checked((ushort)wrapped.Length));
        wrapped.CopyTo(header.AsSpan(11));
        return new EncryptingStream(target, key, header);
    }

    /// <summary>A read-only, seekable stream that decrypts <paramref name="source"/> one chunk at a time (it owns <paramref name="source"/>).</summary>
    /// <exception cref="StoredFileCorruptedException">Not this format, unknown key, or the first chunk fails authentication.</exception>
    public static DecryptingStream OpenReader(Stream source, IDataProtector protector)
    {
        try
        {
            var fixedPart = new byte[11];
            if (source.ReadAtLeast(fixedPart, fixedPart.Length, throwOnEndOfStream: false) < fixedPart.Length || !fixedPart.AsSpan(0, 4).SequenceEqual(Magic))
            {
                throw new StoredFileCorruptedException("O arquivo armazenado não está no formato cifrado do sistema.");
            }

            if (fixedPart[4] != Version || BinaryPrimitives.ReadInt32BigEndian(fixedPart.AsSpan(5)) != ChunkSize)
            {
                throw new StoredFileCorruptedException($"Versão de arquivo cifrado desconhecida ({fixedPart[4]}).");
            }

            var header = new byte[fixedPart.Length + BinaryPrimitives.ReadUInt16BigEndian(fixedPart.AsSpan(9))];
            fixedPart.CopyTo(header, 0);
            source.ReadExactly(header.AsSpan(fixedPart.Length));
            byte[] key;
            try
            {
                key = protector.Unprotect(header[fixedPart.Length..]);
            }
            catch (CryptographicException e)
            {
                throw new StoredFileCorruptedException("A chave do arquivo armazenado não pôde ser aberta (chave desconhecida ou cabeçalho alterado).", e);
            }

            var reader = new DecryptingStream(source, key, header);
            reader.Verify();
            return reader;
        }
        catch (Exception e) when (e is EndOfStreamException or StoredFileCorruptedException)
        {
            source.Dispose();
            throw e as StoredFileCorruptedException ?? new StoredFileCorruptedException("O arquivo armazenado está truncado.", e);
        }
    }

    internal static void Nonce(Span<byte> nonce, long index, bool final)
    {
        nonce.Clear();
        BinaryPrimitives.WriteInt64BigEndian(nonce, index);
        nonce[NonceSize - 1] = final ? (byte)1 : (byte)0;
    }

    /// <summary>Encrypts whatever is written, chunk by chunk; holds at most one chunk in memory.</summary>
    public sealed class EncryptingStream : Stream
    {
        private readonly Stream target;
        private readonly AesGcm aes;
        private readonly byte[] key;
        private readonly byte[] header;
        private readonly byte[] plain = new byte[ChunkSize];
        private readonly byte[] cipher = new byte[ChunkSize + TagSize];
        private int buffered;
        private long index;
        private bool headerWritten;
        private bool completed;

        internal EncryptingStream(Stream target, byte[] key, byte[] header)
        {
            this.target = target;
            this.key = key;
            this.header = header;
            aes = new AesGcm(key, TagSize);
        }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => !completed;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Use WriteAsync.");

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            ObjectDisposedException.ThrowIf(completed, this);
            while (!buffer.IsEmpty)
            {
                if (buffered == ChunkSize)
                {
                    // More data follows, so this full chunk is not the last one.
                    await FlushChunkAsync(final: false, cancellationToken);
                }

                var take = Math.Min(ChunkSize - buffered, buffer.Length);
                buffer.Span[..take].CopyTo(plain.AsSpan(buffered));
                buffered += take;
                buffer = buffer[take..];
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        /// <summary>Writes the final chunk (even empty) and flushes; without it the file does not decrypt.</summary>
        public async Task CompleteAsync(CancellationToken ct = default)
        {
            await FlushChunkAsync(final: true, ct);
            completed = true;
            await target.FlushAsync(ct);
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                aes.Dispose();
                CryptographicOperations.ZeroMemory(key);
                CryptographicOperations.ZeroMemory(plain);
            }

            base.Dispose(disposing);
        }

        private async Task FlushChunkAsync(bool final, CancellationToken ct)
        {
            if (!headerWritten)
            {
                await target.WriteAsync(header, ct);
                headerWritten = true;
            }

            Encrypt(final);
            await target.WriteAsync(cipher.AsMemory(0, buffered + TagSize), ct);
            index++;
            buffered = 0;
        }

        private void Encrypt(bool final)
        {
            Span<byte> nonce = stackalloc byte[NonceSize];
            Nonce(nonce, index, final);
            aes.Encrypt(nonce, plain.AsSpan(0, buffered), cipher.AsSpan(0, buffered), cipher.AsSpan(buffered, TagSize), header);
        }
    }

    /// <summary>Decrypts on demand: seeking moves to another chunk, which is read and authenticated on the next read.</summary>
    public sealed class DecryptingStream : Stream
    {
        private readonly Stream source;
        private readonly AesGcm aes;
        private readonly byte[] key;
        private readonly byte[] header;
        private readonly byte[] plain = new byte[ChunkSize];
        private readonly byte[] cipher = new byte[ChunkSize + TagSize];
        private readonly long chunkCount;
        private readonly long length;
        private long loadedIndex = -1;
        private int loadedLength;
        private long position;

        internal DecryptingStream(Stream source, byte[] key, byte[] header)
        {
            this.source = source;
            this.key = key;
            this.header = header;
            aes = new AesGcm(key, TagSize);
            var body = source.Length - header.Length;
            chunkCount = (body + ChunkSize + TagSize - 1) / (ChunkSize + TagSize);
            var last = body - ((chunkCount - 1) * (ChunkSize + TagSize));
            if (chunkCount < 1 || last < TagSize)
            {
                throw new StoredFileCorruptedException("O arquivo armazenado está truncado.");
            }

            length = body - (chunkCount * TagSize);
        }

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => position;
            set => position = value is >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (position >= length || buffer.IsEmpty)
            {
                return 0;
            }

            var index = position / ChunkSize;
            if (index != loadedIndex)
            {
                source.Position = header.Length + (index * (ChunkSize + TagSize));
                var size = CipherLength(index);
                source.ReadExactly(cipher.AsSpan(0, size));
                Decrypt(index, size);
            }

            return CopyOut(buffer);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (position >= length || buffer.IsEmpty)
            {
                return 0;
            }

            var index = position / ChunkSize;
            if (index != loadedIndex)
            {
                source.Position = header.Length + (index * (ChunkSize + TagSize));
                var size = CipherLength(index);
                await source.ReadExactlyAsync(cipher.AsMemory(0, size), cancellationToken);
                Decrypt(index, size);
            }

            return CopyOut(buffer.Span);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        /// <summary>Authenticates the first chunk, so a wrong key or an altered start fails at open, before any byte is served.</summary>
        internal void Verify()
        {
            source.Position = header.Length;
            var size = CipherLength(0);
            source.ReadExactly(cipher.AsSpan(0, size));
            Decrypt(0, size);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                source.Dispose();
                aes.Dispose();
                CryptographicOperations.ZeroMemory(key);
                CryptographicOperations.ZeroMemory(plain);
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await source.DisposeAsync();
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        private int CipherLength(long index) =>
            index < chunkCount - 1 ? ChunkSize + TagSize : (int)(source.Length - header.Length - ((chunkCount - 1) * (ChunkSize + TagSize)));

        private void Decrypt(long index, int size)
        {
            Span<byte> nonce = stackalloc byte[NonceSize];
            Nonce(nonce, index, final: index == chunkCount - 1);
            var plainLength = size - TagSize;
            try
            {
                aes.Decrypt(nonce, cipher.AsSpan(0, plainLength), cipher.AsSpan(plainLength, TagSize), plain.AsSpan(0, plainLength), header);
            }
            catch (AuthenticationTagMismatchException e)
            {
                loadedIndex = -1;
                throw new StoredFileCorruptedException("O arquivo armazenado foi alterado ou está corrompido (falha na verificação de integridade).", e);
            }

            loadedIndex = index;
            loadedLength = plainLength;
        }

        private int CopyOut(Span<byte> buffer)
        {
            var offset = (int)(position - (loadedIndex * ChunkSize));
            var take = Math.Min(buffer.Length, loadedLength - offset);
            plain.AsSpan(offset, take).CopyTo(buffer);
            position += take;
            return take;
        }
    }
}
