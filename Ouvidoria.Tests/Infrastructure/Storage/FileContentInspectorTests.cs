using Ouvidoria.Infrastructure.Storage;
using Ouvidoria.Tests.Support;

namespace Ouvidoria.Tests.Infrastructure.Storage;

/// <summary>The one content check every channel uses: magic bytes against the extension, executables, ZIP directories.</summary>
public sealed class FileContentInspectorTests
{
    public static TheoryData<string, string, byte[], string> ValidFiles => new()
    {
        { "relato.pdf", "application/pdf", SampleFiles.Pdf, "application/pdf" },
        { "foto.png", "image/png", SampleFiles.Png, "image/png" },
        { "foto.jpg", "image/jpeg", SampleFiles.Jpeg, "image/jpeg" },
        { "animacao.gif", "image/gif", SampleFiles.Gif, "image/gif" },
        { "digitalizacao.bmp", "image/bmp", SampleFiles.Bmp, "image/bmp" },
        { "oficio.doc", "application/msword", SampleFiles.Ole, "application/msword" },
        { "planilha.xls", "application/vnd.ms-excel", SampleFiles.Ole, "application/vnd.ms-excel" },
        { "oficio.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", SampleFiles.Docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { "oficio.odt", "application/vnd.oasis.opendocument.text", SampleFiles.Odt, "application/vnd.oasis.opendocument.text" },
        { "video.mp4", "video/mp4", SampleFiles.Mp4, "video/mp4" },
        { "video.avi", "video/x-msvideo", SampleFiles.Avi, "video/x-msvideo" },
        { "audio.mp3", "audio/mpeg", SampleFiles.Mp3, "audio/mpeg" },
        { "relato.txt", "text/plain", SampleFiles.Text, "text/plain" },
        { "ocorrencias.csv", "application/vnd.ms-excel", SampleFiles.Csv, "text/csv" },
        { "provas.zip", "application/x-zip-compressed", SampleFiles.PlainZip, "application/zip" },
        { "sem-tipo.pdf", "", SampleFiles.Pdf, "application/pdf" },
    };

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Inspect_RealMinimalFileOfEachAllowedType_IsAcceptedWithTheExtensionsContentType(string name, string declared, byte[] content, string stored)
    {
        var verdict = FileContentInspector.Inspect(name, declared, new MemoryStream(content));

        Assert.True(verdict.IsAccepted, verdict.Reason);
        Assert.Equal(stored, verdict.ContentType);
    }

    [Theory]
    [InlineData("relatorio.pdf", "application/pdf")]
    [InlineData("foto.png", "image/png")]
    [InlineData("provas.zip", "application/zip")]
    [InlineData("relato.txt", "text/plain")]
    public void CheckHead_RenamedWindowsExecutable_IsRefusedNamingTheFile(string name, string declared)
    {
        var verdict = FileContentInspector.CheckHead(name, declared, SampleFiles.Executable);

        Assert.False(verdict.IsAccepted);
        Assert.Equal($"O arquivo \"{name}\" é um programa do Windows (executável) e não é aceito, qualquer que seja o nome.", verdict.Reason);
    }

    [Fact]
    public void CheckHead_ElfAndShebangScript_AreRefusedAsExecutables()
    {
        var elf = FileContentInspector.CheckHead("foto.jpg", "image/jpeg", [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0]);
        var script = FileContentInspector.CheckHead("leia.txt", "text/plain", "#!/bin/sh\nrm -rf /\n"u8);

        Assert.Contains("programa do Linux", elf.Reason);
        Assert.Contains("é um script (executável)", script.Reason);
    }

    [Fact]
    public void CheckHead_TextStartingWithMz_IsAcceptedAsText()
    {
        var verdict = FileContentInspector.CheckHead("frota.csv", "text/csv", "MZ Transportes;3 ônibus\r\n"u8);

        Assert.True(verdict.IsAccepted, verdict.Reason);
    }

    [Theory]
    [InlineData("foto.png", "image/png")]
    [InlineData("video.mp4", "video/mp4")]
    [InlineData("oficio.doc", "application/msword")]
    public void CheckHead_ContentOfAnotherType_IsRefusedNamingFileAndExtension(string name, string declared)
    {
        var verdict = FileContentInspector.CheckHead(name, declared, SampleFiles.Pdf);

        Assert.False(verdict.IsAccepted);
        Assert.StartsWith($"O conteúdo do arquivo \"{name}\" não corresponde", verdict.Reason);
        Assert.Contains(Path.GetExtension(name), verdict.Reason);
    }

    [Fact]
    public void CheckHead_DeclaredMimeContradictingTheExtension_IsRefused()
    {
        var verdict = FileContentInspector.CheckHead("relato.pdf", "application/x-msdownload", SampleFiles.Pdf);

        Assert.Equal("O arquivo \"relato.pdf\" foi enviado como \"application/x-msdownload\", o que não corresponde à extensão .pdf.", verdict.Reason);
    }

    [Fact]
    public void CheckHead_ExtensionNotAllowed_IsRefused()
    {
        var verdict = FileContentInspector.CheckHead("pagina.html", "text/html", "<html></html>"u8);

        Assert.StartsWith("Tipo de arquivo não permitido: \"pagina.html\".", verdict.Reason);
    }

    [Fact]
    public void Inspect_TextWithNulBytesAfterTheHead_IsRefused()
    {
        var content = new byte[20_000];
        Array.Fill(content, (byte)'a');
        content[15_000] = 0;

        var verdict = FileContentInspector.Inspect("relato.txt", "text/plain", new MemoryStream(content));

        Assert.Equal("O arquivo \"relato.txt\" não é um texto válido (contém bytes binários).", verdict.Reason);
    }

    [Fact]
    public void Inspect_ZipWith101Entries_IsRefused()
    {
        var verdict = FileContentInspector.Inspect("fotos.zip", "application/zip", new MemoryStream(SampleFiles.ZipWith101Entries));

        Assert.Equal("O arquivo \"fotos.zip\" contém 101 arquivos compactados; o limite é 100.", verdict.Reason);
    }

    [Fact]
    public void Inspect_ZipDeclaringMoreThan100MbExpanded_IsRefusedWithoutExtracting()
    {
        var bomb = SampleFiles.ZipExpandingPast100Mb;
        Assert.True(bomb.Length < 1024 * 1024, $"the bomb is {bomb.Length} bytes on disk");

        var verdict = FileContentInspector.Inspect("dados.zip", "application/zip", new MemoryStream(bomb));

        Assert.Equal("O arquivo \"dados.zip\" se expandiria para mais de 100 MB ao ser descompactado e não é aceito.", verdict.Reason);
    }

    [Fact]
    public void Inspect_ZipWithTraversalEntry_IsRefused()
    {
        var verdict = FileContentInspector.Inspect("provas.zip", "application/zip", new MemoryStream(SampleFiles.ZipWithTraversal));

        Assert.StartsWith("O arquivo \"provas.zip\" contém um caminho inválido", verdict.Reason);
    }

    [Fact]
    public void Inspect_ZipWithNestedExecutable_IsRefused()
    {
        var verdict = FileContentInspector.Inspect("provas.zip", "application/zip", new MemoryStream(SampleFiles.ZipWithExecutable));

        Assert.Equal("O arquivo \"provas.zip\" contém um programa executável (\"instalar.exe\") e não é aceito.", verdict.Reason);
    }

    [Fact]
    public void Inspect_PlainZipRenamedDocx_IsRefused()
    {
        var verdict = FileContentInspector.Inspect("oficio.docx", "", new MemoryStream(SampleFiles.PlainZip));

        Assert.StartsWith("O conteúdo do arquivo \"oficio.docx\" não corresponde a um(a) documento do Word", verdict.Reason);
    }

    [Fact]
    public void Inspect_OdtDeclaredAsSpreadsheet_IsRefused()
    {
        var verdict = FileContentInspector.Inspect("tabela.ods", "", new MemoryStream(SampleFiles.Odt));

        Assert.False(verdict.IsAccepted);
    }

    [Fact]
    public void Inspect_TruncatedZip_IsRefusedAsCorrupted()
    {
        var zip = SampleFiles.PlainZip;

        var verdict = FileContentInspector.Inspect("provas.zip", "application/zip", new MemoryStream(zip[..(zip.Length / 2)]));

        Assert.Equal("O arquivo \"provas.zip\" está corrompido ou não é um ZIP válido.", verdict.Reason);
    }
}
