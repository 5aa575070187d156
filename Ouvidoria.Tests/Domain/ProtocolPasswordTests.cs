using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Tests.Support;

namespace Ouvidoria.Tests.Domain;

/// <summary>The citizen's follow-up password: generated once, stored only as a salted PBKDF2 hash.</summary>
public sealed class ProtocolPasswordTests
{
    /// <summary>No 0/O, 1/l/I: the citizen copies it by hand from a phone screen.</summary>
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    private const string Password = "Hq4tZr8mNa";

    /// <summary>Hashing is deliberately slow: share one hash across the tests of this class.</summary>
    private static readonly Lazy<string> StoredHash = new(() => ProtocolPassword.Hash(Password));

    [Fact]
    public void Generate_Any_HasTheConfiguredLengthOfTen()
    {
        Assert.Equal(10, ProtocolPassword.Length);
        Assert.All(Enumerable.Range(0, 50).Select(_ => ProtocolPassword.Generate()), p => Assert.Equal(10, p.Length));
    }

    [Fact]
    public void Generate_Many_UsesOnlyUnambiguousLettersAndDigits()
    {
        var passwords = Enumerable.Range(0, 500).Select(_ => ProtocolPassword.Generate()).ToList();
        var used = passwords.SelectMany(p => p).ToHashSet();

        Assert.All(used, c => Assert.Contains(c, Alphabet));
        Assert.DoesNotContain('0', used);
        Assert.DoesNotContain('O', used);
        Assert.DoesNotContain('1', used);
        Assert.DoesNotContain('l', used);
        Assert.DoesNotContain('I', used);
        Assert.True(used.Count > Alphabet.Length / 2, $"Only {used.Count} distinct characters in 5,000 draws.");
    }

    [Fact]
    public void Generate_Many_NeverRepeats()
    {
        var passwords = Enumerable.Range(0, 1_000).Select(_ => ProtocolPassword.Generate()).ToList();

        Assert.Equal(passwords.Count, passwords.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Hash_Password_IsVersionedSaltedPbkdf2AndNeverContainsTheClearText()
    {
        var parts = StoredHash.Value.Split('.');

        Assert.Equal(4, parts.Length);
        Assert.Equal("v1", parts[0]);
        Assert.True(int.Parse(parts[1]) >= 100_000, "PBKDF2 iterations must stay at or above 100,000.");
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(32, Convert.FromBase64String(parts[3]).Length);
        Assert.DoesNotContain(Password, StoredHash.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_TheHashedPassword_ReturnsTrue()
    {
        Assert.True(ProtocolPassword.Verify(Password, StoredHash.Value));
    }

    [Fact]
    public void Verify_GeneratedPasswordAndItsHash_ReturnsTrue()
    {
        var generated = ProtocolPassword.Generate();

        Assert.True(ProtocolPassword.Verify(generated, ProtocolPassword.Hash(generated)));
    }

    [Theory]
    [InlineData("Hq4tZr8mNb")]
    [InlineData("hq4tZr8mNa")]
    [InlineData("Hq4tZr8mN")]
    [InlineData("Hq4tZr8mNaa")]
    [InlineData("senha")]
    [InlineData("")]
    [InlineData("   ")]
    public void Verify_WrongPassword_ReturnsFalse(string attempt)
    {
        Assert.False(ProtocolPassword.Verify(attempt, StoredHash.Value));
    }

    [Fact]
    public void Hash_SamePasswordTwice_GivesDifferentHashesThatBothVerify()
    {
        var first = ProtocolPassword.Hash(Password);
        var second = ProtocolPassword.Hash(Password);

        Assert.NotEqual(first, second);
        Assert.NotEqual(first.Split('.')[2], second.Split('.')[2]);
        Assert.True(ProtocolPassword.Verify(Password, first));
        Assert.True(ProtocolPassword.Verify(Password, second));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Hash_EmptyPassword_ThrowsDomainException(string password)
    {
        DomainAssert.Throws(() => ProtocolPassword.Hash(password));
    }

    /// <summary>Stored hashes that are not "v1.iterations.salt.hash" are refused, never an error.</summary>
    [Theory]
    [InlineData("")]
    [InlineData("texto-qualquer")]
    [InlineData("v1")]
    [InlineData("v1.100000.AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("v1.100000.AAAAAAAAAAAAAAAAAAAAAA==.AAAAAAAAAAAAAAAAAAAAAA==.extra")]
    [InlineData("v2.100000.AAAAAAAAAAAAAAAAAAAAAA==.AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("V1.100000.AAAAAAAAAAAAAAAAAAAAAA==.AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("v1.muitas.AAAAAAAAAAAAAAAAAAAAAA==.AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy")]
    public void Verify_MalformedHash_ReturnsFalse(string storedHash)
    {
        Assert.False(ProtocolPassword.Verify(Password, storedHash));
    }

    [Fact]
    public void Verify_HashOfAnotherPassword_ReturnsFalse()
    {
        var other = ProtocolPassword.Hash("Outra2345x");

        Assert.False(ProtocolPassword.Verify(Password, other));
    }

    [Fact]
    public void Verify_HashWithTamperedDigest_ReturnsFalse()
    {
        var parts = StoredHash.Value.Split('.');
        var digest = Convert.FromBase64String(parts[3]);
        digest[0] ^= 0x01;
        var tampered = string.Join('.', parts[0], parts[1], parts[2], Convert.ToBase64String(digest));

        Assert.False(ProtocolPassword.Verify(Password, tampered));
    }

    [Theory]
    [InlineData("v1.1..")]
    [InlineData("v1.100000.c2FsdA==.")]
    [InlineData("v1.0.c2FsdA==.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("v1.-5.c2FsdA==.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("v1.100000.%%%.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("v1.100000.c2FsdA==.@@@")]
    [InlineData("v1.100000.c2FsdA==.AAAA")]
    public void Verify_MalformedOrTruncatedHash_ReturnsFalseForAnyPassword(string storedHash)
    {
        Assert.False(ProtocolPassword.Verify("qualquer", storedHash));
        Assert.False(ProtocolPassword.Verify("", storedHash));
    }

    [Fact]
    public void Hash_PasswordWithSurroundingSpaces_VerifiesTheTrimmedPassword()
    {
        var hash = ProtocolPassword.Hash(" Abc123xyz ");

        Assert.True(ProtocolPassword.Verify("Abc123xyz", hash));
    }
}
