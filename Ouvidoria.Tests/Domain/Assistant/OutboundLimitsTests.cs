using Ouvidoria.Domain.Assistant;

namespace Ouvidoria.Tests.Domain.Assistant;

public sealed class OutboundLimitsTests
{
    private static Choice[] Choices(int count, int titleLength = 5, string? description = null) =>
        [.. Enumerable.Range(1, count).Select(i => new Choice($"id:{i}", $"{i}".PadRight(titleLength, 'x'), description))];

    [Fact]
    public void TextOut_AtLimit_Accepted() => Assert.Equal(4096, new TextOut(new string('a', 4096)).Body.Length);

    [Theory]
    [InlineData(4097)]
    [InlineData(0)]
    public void TextOut_OutOfLimits_Throws(int length) =>
        Assert.ThrowsAny<ArgumentException>(() => new TextOut(new string('a', length)));

    [Fact]
    public void ButtonsOut_AtLimits_Accepted()
    {
        var buttons = new ButtonsOut(new string('b', 1024), Choices(3, 20));

        Assert.Equal(3, buttons.Buttons.Count);
    }

    [Fact]
    public void ButtonsOut_FourButtons_Throws() => Assert.Throws<ArgumentException>(() => new ButtonsOut("Corpo", Choices(4)));

    [Fact]
    public void ButtonsOut_NoButtons_Throws() => Assert.Throws<ArgumentException>(() => new ButtonsOut("Corpo", []));

    [Fact]
    public void ButtonsOut_TitleOver20_Throws() => Assert.Throws<ArgumentException>(() => new ButtonsOut("Corpo", Choices(1, 21)));

    [Fact]
    public void ButtonsOut_BodyOver1024_Throws() => Assert.Throws<ArgumentException>(() => new ButtonsOut(new string('b', 1025), Choices(1)));

    [Fact]
    public void ButtonsOut_Description_Throws() => Assert.Throws<ArgumentException>(() => new ButtonsOut("Corpo", Choices(1, description: "x")));

    [Fact]
    public void ButtonsOut_DuplicateIds_Throws() =>
        Assert.Throws<ArgumentException>(() => new ButtonsOut("Corpo", [new Choice("a", "A"), new Choice("a", "B")]));

    [Fact]
    public void ListOut_AtLimits_Accepted()
    {
        var list = new ListOut(new string('l', 1024), new string('v', 20), Choices(10, 24, new string('d', 72)));

        Assert.Equal(10, list.Rows.Count);
    }

    [Fact]
    public void ListOut_ElevenRows_Throws() => Assert.Throws<ArgumentException>(() => new ListOut("Corpo", "Ver", Choices(11)));

    [Fact]
    public void ListOut_RowTitleOver24_Throws() => Assert.Throws<ArgumentException>(() => new ListOut("Corpo", "Ver", Choices(1, 25)));

    [Fact]
    public void ListOut_DescriptionOver72_Throws() =>
        Assert.Throws<ArgumentException>(() => new ListOut("Corpo", "Ver", Choices(1, description: new string('d', 73))));

    [Fact]
    public void ListOut_ButtonTextOver20_Throws() => Assert.Throws<ArgumentException>(() => new ListOut("Corpo", new string('v', 21), Choices(1)));

    [Fact]
    public void ListOut_BodyOver1024_Throws() => Assert.Throws<ArgumentException>(() => new ListOut(new string('l', 1025), "Ver", Choices(1)));

    [Fact]
    public void ListOut_EmptyId_Throws() => Assert.Throws<ArgumentException>(() => new ListOut("Corpo", "Ver", [new Choice(" ", "A")]));

    [Fact]
    public void ListOut_RowsCopied_LaterChangesToSourceIgnored()
    {
        var rows = Choices(2).ToList();
        var list = new ListOut("Corpo", "Ver", rows);

        rows.Clear();

        Assert.Equal(2, list.Rows.Count);
    }
}
