using Ouvidoria.Domain.Common;
using Ouvidoria.Domain.Manifestations;
using Ouvidoria.Tests.Support;

namespace Ouvidoria.Tests.Domain;

/// <summary>Collaborator manual: up to 10 citizen files and 30 MB per manifestation, listed types only.</summary>
public sealed class AttachmentPolicyTests
{
    private const long OneMegabyte = 1024 * 1024;

    private static readonly Actor Citizen = Actors.Citizen;

    private readonly FakeTimeProvider _clock = new();

    private DateTimeOffset Now => _clock.GetUtcNow();

    [Fact]
    public void AddAttachment_AllowedFile_IsStoredWithMetadataAndHistory()
    {
        var m = NewManifestation();
        _clock.Advance(TimeSpan.FromMinutes(5));

        var attachment = m.AddAttachment("foto.jpg", "image/jpeg", 2 * OneMegabyte, "2025/03/abc", AttachmentOrigin.Original, Citizen, Now, limits: AttachmentLimits.Legal);

        Assert.Same(attachment, Assert.Single(m.Attachments));
        Assert.Equal(m.Id, attachment.ManifestationId);
        Assert.Equal("foto.jpg", attachment.FileName);
        Assert.Equal("image/jpeg", attachment.ContentType);
        Assert.Equal(2 * OneMegabyte, attachment.SizeBytes);
        Assert.Equal("2025/03/abc", attachment.StorageKey);
        Assert.Equal(AttachmentOrigin.Original, attachment.Origin);
        Assert.Equal(Citizen.Name, attachment.UploadedBy);
        Assert.Equal(Now, attachment.UploadedAt);
        var entry = DomainAssert.LastHistory(m, HistoryAction.AttachmentAdded, Citizen, Now);
        Assert.Equal("Anexo do manifestante", entry.Details); // the citizen's file name may identify them
    }

    [Theory]
    [InlineData(AttachmentOrigin.Original)]
    [InlineData(AttachmentOrigin.Complement)]
    public void AddAttachment_EleventhCitizenFile_ThrowsAndKeepsState(AttachmentOrigin eleventhOrigin)
    {
        var m = NewManifestation();
        for (var i = 1; i <= 10; i++)
        {
            m.AddAttachment($"doc{i}.pdf", "application/pdf", 1_000, $"k{i}", i % 2 == 0 ? AttachmentOrigin.Complement : AttachmentOrigin.Original, Citizen, Now, limits: AttachmentLimits.Legal);
        }

        var exception = DomainAssert.ThrowsAndKeepsState(m, () => m.AddAttachment("doc11.pdf", "application/pdf", 1_000, "k11", eleventhOrigin, Citizen, Now, limits: AttachmentLimits.Legal));

        Assert.Contains("10", exception.Message, StringComparison.Ordinal);
        Assert.Equal(10, m.Attachments.Count);
    }

    [Fact]
    public void AddAttachment_ExactlyThirtyMegabytesInTotal_IsAccepted()
    {
        var m = NewManifestation();
        m.AddAttachment("video.mp4", "video/mp4", 20 * OneMegabyte, "k1", AttachmentOrigin.Original, Citizen, Now, limits: AttachmentLimits.Legal);

        m.AddAttachment("audio.mp3", "audio/mpeg", 10 * OneMegabyte, "k2", AttachmentOrigin.Complement, Citizen, Now, limits: AttachmentLimits.Legal);

        Assert.Equal(30 * OneMegabyte, m.Attachments.Sum(a => a.SizeBytes));
    }

    [Fact]
    public void AddAttachment_OneByteOverThirtyMegabytes_ThrowsAndKeepsState()
    {
        var m = NewManifestation();
        m.AddAttachment("video.mp4", "video/mp4", 20 * OneMegabyte, "k1", AttachmentOrigin.Original, Citizen, Now, limits: AttachmentLimits.Legal);
        m.AddAttachment("audio.mp3", "audio/mpeg", 10 * OneMegabyte, "k2", AttachmentOrigin.Original, Citizen, Now, limits: AttachmentLimits.Legal);

        var exception = DomainAssert.ThrowsAndKeepsState(m, () => m.AddAttachment("nota.txt", "text/plain", 1, "k3", AttachmentOrigin.Complement, Citizen, Now, limits: AttachmentLimits.Legal));

        Assert.Contains("30 MB", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddAttachment_SingleFileOverThirtyMegabytes_ThrowsAndKeepsState()
    {
        var m = NewManifestation();

        DomainAssert.ThrowsAndKeepsState(m, () => m.AddAttachment("video.avi", "video/x-msvideo", (30 * OneMegabyte) + 1, "k", AttachmentOrigin.Original, Citizen, Now, limits: AttachmentLimits.Legal));
        Assert.Empty(m.Attachments);
    }

    [Theory]
    [InlineData("programa.exe")]
    [InlineData("PROGRAMA.EXE")]
    [InlineData("script.bat")]
    [InlineData("script.js")]
    [InlineData("pagina.html")]
    [InlineData("imagem.svg")]
    [InlineData("documento.pdf.exe")]
    [InlineData("sem-extensao")]
    public void AddAttachment_DisallowedExtension_ThrowsAndKeepsState(string fileName)
    {
        var m = NewManifestation();

        var exception = DomainAssert.ThrowsAndKeepsState(m, () => m.AddAttachment(fileName, "application/octet-stream", 1_000, "k", AttachmentOrigin.Original, Citizen, Now, limits: AttachmentLimits.Legal));

        Assert.Contains("não permitido", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("relatorio.PDF")]
    [InlineData("planilha.xlsx")]
    [InlineData("foto.jpeg")]
    [InlineData("audio.mp3")]
    [InlineData("video.mp4")]
    [InlineData("video.avi")]
    [InlineData("provas.zip")]
    [InlineData("texto.txt")]
    public void AddAttachment_AllowedExtension_IsAccepted(string fileName)
    {
        var m = NewManifestation();

        m.AddAttachment(fileName, "application/octet-stream", 1_000, "k", AttachmentOrigin.Original, Citizen, Now, limits: AttachmentLimits.Legal);

        Assert.Equal(fileName, Assert.Single(m.Attachments).FileName);
    }

    [Theory]
    [InlineData("../../etc/passwd.txt", "passwd.txt")]
    [InlineData("..\\..\\Windows\\win.ini.txt", "win.ini.txt")]
    [InlineData("C:\\Users\\maria\\Fotos\\buraco.jpg", "buraco.jpg")]
    [InlineData("/var/tmp/../../foto.png", "foto.png")]
    [InlineData("..foto.png", "foto.png")]
    [InlineData(" relato\u0000 final\n.pdf ", "relato final.pdf")]
    public void AddAttachment_NameWithPathOrControlCharacters_IsSanitized(string fileName, string expected)
    {
        var m = NewManifestation();

        var attachment = m.AddAttachment(fileName, "application/octet-stream", 1_000, "k", AttachmentOrigin.Original, Citizen, Now, limits: AttachmentLimits.Legal);

        Assert.Equal(expected, attachment.FileName);
        Assert.Equal(expected, AttachmentPolicy.SanitizeFileName(fileName));
    }

    [Theory]
    [InlineData("../../")]
    [InlineData("...")]
    [InlineData("   ")]
    [InlineData("pasta/")]
    public void AddAttachment_NameWithoutAFileName_ThrowsAndKeepsState(string fileName)
    {
        var m = NewManifestation();

        DomainAssert.ThrowsAndKeepsState(m, () => m.AddAttachment(fileName, "text/plain", 1_000, "k", AttachmentOrigin.Original, Citizen, Now, limits: AttachmentLimits.Legal));
    }

    [Fact]
    public void AddAttachment_EmptyFile_ThrowsAndKeepsState()
    {
        var m = NewManifestation();

        DomainAssert.ThrowsAndKeepsState(m, () => m.AddAttachment("vazio.pdf", "application/pdf", 0, "k", AttachmentOrigin.Original, Citizen, Now, limits: AttachmentLimits.Legal));
    }

    [Fact]
    public void AddAttachment_TreatmentFilesBeyondTheCitizenLimits_AreAccepted()
    {
        var m = new ManifestationBuilder().WithClock(_clock).InTreatment(Actors.UnitA).Build();
        var collaborator = Actors.CollaboratorOf(Actors.UnitA);
        for (var i = 1; i <= 12; i++)
        {
            m.AddAttachment($"oficio{i}.pdf", "application/pdf", 5 * OneMegabyte, $"t{i}", AttachmentOrigin.Treatment, collaborator, Now, limits: AttachmentLimits.Legal);
        }

        Assert.Equal(12, m.Attachments.Count);
        Assert.Equal(60 * OneMegabyte, m.Attachments.Sum(a => a.SizeBytes));
    }

    [Fact]
    public void AddAttachment_TreatmentFileWhenCitizenLimitsAreFull_IsAccepted()
    {
        var m = new ManifestationBuilder().WithClock(_clock).InTreatment(Actors.UnitA).Build();
        for (var i = 1; i <= 10; i++)
        {
            m.AddAttachment($"foto{i}.jpg", "image/jpeg", 3 * OneMegabyte, $"c{i}", AttachmentOrigin.Original, Citizen, Now, limits: AttachmentLimits.Legal);
        }

        DomainAssert.Throws(() => m.AddAttachment("mais.jpg", "image/jpeg", 1, "c11", AttachmentOrigin.Original, Citizen, Now, limits: AttachmentLimits.Legal));

        var collaborator = Actors.CollaboratorOf(Actors.UnitA);
        m.AddAttachment("oficio.pdf", "application/pdf", 40 * OneMegabyte, "t1", AttachmentOrigin.Treatment, collaborator, Now, limits: AttachmentLimits.Legal);
        m.AddAttachment("laudo.pdf", "application/pdf", 1, "t2", AttachmentOrigin.Treatment, collaborator, Now, limits: AttachmentLimits.Legal);

        Assert.Equal(12, m.Attachments.Count);
        Assert.Equal(2, m.Attachments.Count(a => a.Origin == AttachmentOrigin.Treatment));
    }

    [Fact]
    public void AddAttachment_TreatmentFiles_DoNotCountAgainstTheCitizenLimits()
    {
        var m = new ManifestationBuilder().WithClock(_clock).InTreatment(Actors.UnitA).Build();
        var collaborator = Actors.CollaboratorOf(Actors.UnitA);
        for (var i = 1; i <= 10; i++)
        {
            m.AddAttachment($"oficio{i}.pdf", "application/pdf", 3 * OneMegabyte, $"t{i}", AttachmentOrigin.Treatment, collaborator, Now, limits: AttachmentLimits.Legal);
        }

        for (var i = 1; i <= 9; i++)
        {
            m.AddAttachment($"foto{i}.jpg", "image/jpeg", OneMegabyte, $"c{i}", AttachmentOrigin.Complement, Citizen, Now, limits: AttachmentLimits.Legal);
        }

        m.AddAttachment("video.mp4", "video/mp4", 21 * OneMegabyte, "c10", AttachmentOrigin.Original, Citizen, Now, limits: AttachmentLimits.Legal);

        Assert.Equal(20, m.Attachments.Count);
        Assert.Equal(10, m.Attachments.Count(a => a.Origin != AttachmentOrigin.Treatment));
        Assert.Equal(30 * OneMegabyte, m.Attachments.Where(a => a.Origin != AttachmentOrigin.Treatment).Sum(a => a.SizeBytes));
        DomainAssert.ThrowsAndKeepsState(m, () => m.AddAttachment("mais.jpg", "image/jpeg", 1, "c11", AttachmentOrigin.Complement, Citizen, Now, limits: AttachmentLimits.Legal));
    }

    [Fact]
    public void AddAttachment_Archived_ThrowsAndKeepsState()
    {
        var m = new ManifestationBuilder().WithClock(_clock).Archived().Build();

        DomainAssert.ThrowsAndKeepsState(m, () => m.AddAttachment("foto.jpg", "image/jpeg", 1_000, "k", AttachmentOrigin.Original, Citizen, Now, limits: AttachmentLimits.Legal));
    }

    [Fact]
    public void SanitizeFileName_VeryLongNameWithoutExtension_IsCutTo120Characters()
    {
        Assert.Equal(new string('a', 120), AttachmentPolicy.SanitizeFileName(new string('a', 200)));
    }

    private Manifestation NewManifestation() => new ManifestationBuilder().WithClock(_clock).Registered().Build();

    [Fact]
    public void SanitizeFileName_VeryLongName_KeepsTheExtension()
    {
        var name = AttachmentPolicy.SanitizeFileName(new string('a', 130) + ".pdf");

        Assert.Equal(120, name.Length);
        Assert.EndsWith(".pdf", name);
    }

    [Fact]
    public void EnsureAllowedExtension_LongNameHidingAnExecutable_IsRefused()
    {
        var name = AttachmentPolicy.SanitizeFileName(new string('a', 116) + ".pdf.exe");

        Assert.EndsWith(".exe", name);
        Assert.Throws<Ouvidoria.Domain.Common.DomainException>(() => AttachmentPolicy.EnsureAllowedExtension(name));
    }

    [Fact]
    public void AddAttachment_OriginalFileFromStaff_ThrowsAndKeepsState()
    {
        var m = new ManifestationBuilder().WithClock(_clock).InTriage().Build();

        DomainAssert.ThrowsAndKeepsState(m, () => m.AddAttachment("a.pdf", "application/pdf", 10, "k", AttachmentOrigin.Original, Actors.Ombudsman, Now, limits: AttachmentLimits.Legal));
    }

    [Fact]
    public void AddAttachment_TreatmentFileFromCollaboratorOfAnotherUnit_ThrowsAndKeepsState()
    {
        var m = new ManifestationBuilder().WithClock(_clock).InTreatment(unitId: Actors.UnitA, role: AssignmentRole.Responsible).Build();

        DomainAssert.ThrowsAndKeepsState(m, () => m.AddAttachment("a.pdf", "application/pdf", 10, "k", AttachmentOrigin.Treatment, Actors.CollaboratorOf(Actors.UnitB), Now, limits: AttachmentLimits.Legal));
    }

    [Fact]
    public void RecordDownload_CollaboratorAndTheCitizensOwnFile_IsRefusedAndNotLogged()
    {
        var m = new ManifestationBuilder().WithClock(_clock).InTriage().Build();
        var photo = m.AddAttachment("foto.jpg", "image/jpeg", 10, "k", AttachmentOrigin.Original, Citizen, Now, limits: AttachmentLimits.Legal);
        m.WriteExtract("Extrato.", Actors.Ombudsman, Now);
        m.Forward(Actors.UnitA, AssignmentRole.Responsible, null, null, null, Actors.Ombudsman, Now, terms: DeadlineTerms.Legal);
        var collaborator = Actors.CollaboratorOf(Actors.UnitA);

        Assert.False(m.CanDownload(photo, collaborator));
        DomainAssert.ThrowsAndKeepsState(m, () => m.RecordDownload(photo.Id, collaborator, Now));
    }

    [Fact]
    public void RecordDownload_TeamFile_IsLoggedWithWhoAndWhen()
    {
        var m = new ManifestationBuilder().WithClock(_clock).InTreatment(unitId: Actors.UnitA, role: AssignmentRole.Responsible).Build();
        var collaborator = Actors.CollaboratorOf(Actors.UnitA);
        var message = m.PostMessage("Segue a nota.", MessageVisibility.Team, collaborator, Now);
        var file = m.AddAttachment("nota.pdf", "application/pdf", 10, "k", AttachmentOrigin.Treatment, collaborator, Now, AttachmentLimits.Legal, message.Id);
        _clock.Advance(TimeSpan.FromHours(1));

        var downloaded = m.RecordDownload(file.Id, Actors.Ombudsman, Now);

        Assert.Same(file, downloaded);
        var entry = m.History[^1];
        Assert.Equal(HistoryAction.AttachmentDownloaded, entry.Action);
        Assert.Equal(Actors.Ombudsman.Name, entry.ActorName);
        Assert.Equal(Now, entry.At);
        Assert.Equal("nota.pdf", entry.Details);
    }

    [Fact]
    public void CanDownload_TeamFileOfAnInternalMessage_OnlyForTheOmbudsman()
    {
        var m = new ManifestationBuilder().WithClock(_clock).InTreatment(unitId: Actors.UnitA, role: AssignmentRole.Responsible).Build();
        var note = m.PostMessage("Nota interna.", MessageVisibility.OmbudsmanOnly, Actors.Ombudsman, Now);
        var file = m.AddAttachment("parecer.pdf", "application/pdf", 10, "k", AttachmentOrigin.Treatment, Actors.Ombudsman, Now, AttachmentLimits.Legal, note.Id);

        Assert.True(m.CanDownload(file, Actors.Ombudsman));
        Assert.False(m.CanDownload(file, Actors.CollaboratorOf(Actors.UnitA)));
        Assert.False(m.CanDownload(file, Actors.Manager));
    }
}
