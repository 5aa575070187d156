using Ouvidoria.Domain.Assistant;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Domain.Organization;

namespace Ouvidoria.Tests.Domain.Assistant;

public sealed class BelThemePagingTests
{
    private static AssistantContext ContextWith(int count) => new(
        [.. Enumerable.Range(1, count).Select(i => new ThemeOption(new Guid(i, 0, 0, new byte[8]), $"Tema {i:D2}", PersonalDataRequirement.Name))]);

    /// <summary>Visits every page reachable from the first one through "Mais temas" / "Temas anteriores".</summary>
    private static (HashSet<Guid> Seen, int Pages) Explore(BelChat chat)
    {
        var seen = new HashSet<Guid>();
        var pages = new HashSet<string>();
        var toVisit = new Stack<string>();
        pages.Add("first");
        VisitCurrent();
        while (toVisit.Count > 0)
        {
            chat.Choose(toVisit.Pop());
            VisitCurrent();
        }

        return (seen, pages.Count);

        void VisitCurrent()
        {
            var list = Assert.IsType<ListOut>(Assert.Single(chat.Last.Replies));
            Assert.InRange(list.Rows.Count, 1, 10);
            Assert.Equal(ConversationStage.ChoosingTheme, chat.State.Stage);
            foreach (var row in list.Rows)
            {
                if (row.Id.StartsWith(Bel.ThemePagePrefix, StringComparison.Ordinal))
                {
                    Assert.Contains(row.Title, new[] { "Mais temas", "Temas anteriores" });
                    if (pages.Add(row.Id))
                    {
                        toVisit.Push(row.Id);
                    }
                }
                else
                {
                    Assert.StartsWith(Bel.ThemePrefix, row.Id);
                    seen.Add(Guid.Parse(row.Id[Bel.ThemePrefix.Length..]));
                }
            }
        }
    }

    [Fact]
    public void ThemeList_23Themes_ThreePagesOfAtMostTenRowsWithEveryThemeReachable()
    {
        var context = ContextWith(23);
        var chat = new BelChat(context);
        chat.StartRegistration(ManifestationType.Complaint);

        var first = Assert.IsType<ListOut>(Assert.Single(chat.Last.Replies));
        Assert.Equal(10, first.Rows.Count);
        Assert.Equal("Mais temas", first.Rows[^1].Title);
        Assert.Equal("theme:page:2", first.Rows[^1].Id);
        Assert.Contains("página 1 de 3", first.Body);

        chat.Choose("theme:page:2");
        var second = Assert.IsType<ListOut>(Assert.Single(chat.Last.Replies));
        Assert.Equal(["Temas anteriores", "Tema 10"], second.Rows.Take(2).Select(r => r.Title));
        Assert.Equal("theme:page:1", second.Rows[0].Id);
        Assert.Equal("theme:page:3", second.Rows[^1].Id);

        chat.Choose("theme:page:3");
        var third = Assert.IsType<ListOut>(Assert.Single(chat.Last.Replies));
        Assert.Equal("Temas anteriores", third.Rows[0].Title);
        Assert.Equal("Tema 23", third.Rows[^1].Title);
        Assert.Contains("página 3 de 3", third.Body);

        chat.Choose("theme:page:2");
        Assert.Equal(1, chat.State.ThemePage);

        var last = context.Themes[^1];
        chat.Choose("theme:" + last.Id);
        Assert.Equal(last.Id, chat.State.ThemeId);
        Assert.Equal(ConversationStage.ChoosingIdentification, chat.State.Stage);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(19)]
    [InlineData(23)]
    [InlineData(26)]
    [InlineData(27)]
    [InlineData(60)]
    public void ThemeList_AnyCount_EveryThemeReachableInPagesOfAtMostTenRows(int count)
    {
        var context = ContextWith(count);
        var chat = new BelChat(context);
        chat.StartRegistration(ManifestationType.Suggestion);

        var (seen, pages) = Explore(chat);

        Assert.Equal(context.Themes.Select(t => t.Id).ToHashSet(), seen);
        Assert.Equal(count <= 10 ? 1 : pages, pages);
    }

    [Fact]
    public void ThemeList_TenThemes_SinglePageWithoutPagingRows()
    {
        var chat = new BelChat(ContextWith(10));

        chat.StartRegistration(ManifestationType.Complaint);

        var list = Assert.IsType<ListOut>(Assert.Single(chat.Last.Replies));
        Assert.Equal(10, list.Rows.Count);
        Assert.DoesNotContain(list.Rows, r => r.Id.StartsWith(Bel.ThemePagePrefix, StringComparison.Ordinal));
        Assert.DoesNotContain("página", list.Body);
    }

    [Fact]
    public void ThemeList_LongThemeName_TitleShortenedAndFullNameInDescription()
    {
        var theme = new ThemeOption(Guid.NewGuid(), "Infraestrutura rodoviária e transporte intermunicipal de passageiros", PersonalDataRequirement.None);
        var chat = new BelChat(new AssistantContext([theme]));

        chat.StartRegistration(ManifestationType.Complaint);

        var row = Assert.Single(chat.LastChoices);
        Assert.True(row.Title.Length <= 24);
        Assert.EndsWith("…", row.Title);
        Assert.Equal(theme.Name, row.Description);
    }

    [Theory]
    [InlineData("theme:page:0")]
    [InlineData("theme:page:4")]
    [InlineData("theme:page:x")]
    [InlineData("theme:99999999-9999-9999-9999-999999999999")]
    [InlineData("theme:not-a-guid")]
    public void ThemeList_UnknownThemeOrPage_ReasksSamePage(string id)
    {
        var chat = new BelChat(ContextWith(23));
        chat.StartRegistration(ManifestationType.Complaint);
        chat.Choose("theme:page:2");

        chat.Choose(id);

        Assert.Equal(ConversationStage.ChoosingTheme, chat.State.Stage);
        Assert.Equal(1, chat.State.ThemePage);
        Assert.Null(chat.State.ThemeId);
        Assert.Contains("não vale para esta etapa", chat.LastText);
        Assert.Contains("página 2 de 3", chat.LastText);
    }

    [Fact]
    public void ThemeList_TypedNumber_ChoosesRowOfCurrentPage()
    {
        var context = ContextWith(23);
        var chat = new BelChat(context);
        chat.StartRegistration(ManifestationType.Complaint);
        chat.Text("Mais temas");

        chat.Text("2");

        Assert.Equal(context.Themes[9].Id, chat.State.ThemeId);
    }
}
