using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Ouvidoria.Infrastructure.Audit;

namespace Ouvidoria.Tests.Infrastructure.Audit;

/// <summary>The keyed hash of a history entry: every field counts, boundaries are unambiguous, the key matters.</summary>
public sealed class HistoryChainTests
{
    private static readonly HistoryChain Chain = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly Guid Manifestation = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
    private static readonly DateTimeOffset At = new(2026, 11, 22, 13, 45, 10, TimeSpan.Zero);
    private const string Previous = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static string Hash(
        Guid? manifestation = null, int sequence = 7, string action = "Viewed", string? actorId = "u-1", string actorName = "Carlos Menezes",
        string? details = "relatório.pdf", DateTimeOffset? at = null, string? previous = Previous, HistoryChain? chain = null) =>
        (chain ?? Chain).EntryHash(manifestation ?? Manifestation, sequence, action, actorId, actorName, details, at ?? At, previous);

    [Fact]
    public void EntryHash_SameFields_IsStableHex()
    {
        var hash = Hash();

        Assert.Equal(hash, Hash());
        Assert.Matches("^[0-9a-f]{64}$", hash);
    }

    public static TheoryData<string, string> ChangedFields() => new()
    {
        { "manifestação", Hash(manifestation: Guid.Parse("1f8fad5b-d9cb-469f-a165-70867728950e")) },
        { "sequência", Hash(sequence: 8) },
        { "ação", Hash(action: "AttachmentDownloaded") },
        { "id do autor", Hash(actorId: "u-2") },
        { "autor sem id", Hash(actorId: null) },
        { "nome do autor", Hash(actorName: "Beatriz Almeida") },
        { "detalhes", Hash(details: "relatorio.pdf") },
        { "sem detalhes", Hash(details: null) },
        { "data (1 µs)", Hash(at: At.AddTicks(10)) },
        { "anterior", Hash(previous: Previous.Replace('9', '8')) },
        { "primeiro da cadeia", Hash(previous: null) },
    };

    [Theory]
    [MemberData(nameof(ChangedFields))]
    public void EntryHash_AnyFieldChanged_ChangesTheHash(string field, string changed) =>
        Assert.True(Hash() != changed, $"mudar {field} deveria mudar o hash");

    [Fact]
    public void EntryHash_TextMovedAcrossAFieldBoundary_ChangesTheHash()
    {
        Assert.NotEqual(Hash(actorId: "ab", actorName: "c"), Hash(actorId: "a", actorName: "bc"));
        Assert.NotEqual(Hash(details: string.Empty), Hash(details: null));
    }

    [Fact]
    public void EntryHash_SubMicrosecondTicks_AreIgnoredAsPostgresStoresMicroseconds() =>
        Assert.Equal(Hash(at: At.AddTicks(10)), Hash(at: At.AddTicks(17)));

    [Fact]
    public void EntryHash_SameInstantInAnotherOffset_IsTheSameHash() =>
        Assert.Equal(Hash(), Hash(at: At.ToOffset(TimeSpan.FromHours(-3))));

    [Fact]
    public void EntryHash_AnotherKey_GivesAnotherHash() =>
        Assert.NotEqual(Hash(), Hash(chain: new HistoryChain(new byte[32])));

    [Fact]
    public void Seal_LengthOrLastHashChanged_ChangesTheSeal()
    {
        var seal = Chain.Seal(Manifestation, 5, Previous);

        Assert.NotEqual(seal, Chain.Seal(Manifestation, 4, Previous));
        Assert.NotEqual(seal, Chain.Seal(Manifestation, 5, Hash()));
        Assert.NotEqual(seal, Hash(sequence: 5, previous: Previous));
    }

    [Fact]
    public void FromConfiguration_ProductionWithoutKey_RefusesToStartInPtBr()
    {
        var error = Assert.Throws<InvalidOperationException>(() => HistoryChain.FromConfiguration(Settings(null), Environment(Environments.Production)));

        Assert.StartsWith("Audit__HistoryKey não configurada", error.Message);
    }

    [Fact]
    public void FromConfiguration_KeyShorterThan32Bytes_IsRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => HistoryChain.FromConfiguration(Settings(Convert.ToBase64String(new byte[16])), Environment(Environments.Production)));

        Assert.Equal("Audit__HistoryKey deve ter pelo menos 32 bytes (tem 16).", error.Message);
    }

    [Fact]
    public void FromConfiguration_ConfiguredKey_IsUsedInsteadOfTheDevelopmentKey()
    {
        var key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

        var configured = HistoryChain.FromConfiguration(Settings(Convert.ToBase64String(key)), Environment(Environments.Development));

        Assert.Equal(Hash(), Hash(chain: configured));
        Assert.NotEqual(Hash(), Hash(chain: HistoryChain.FromConfiguration(Settings(null), Environment(Environments.Development))));
    }

    private static IConfiguration Settings(string? key) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [HistoryChain.KeySetting] = key }).Build();

    private static HostingEnvironment Environment(string name) => new() { EnvironmentName = name };
}
