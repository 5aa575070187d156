using System.IO.Compression;
using System.Text;

namespace Ouvidoria.Tests.Support;

/// <summary>Real minimal files, built byte by byte, for the content checks.</summary>
public static class SampleFiles
{
    private static readonly Lazy<byte[]> ExpandingBomb = new(() => Zip(("dados.txt", new byte[101 * 1024 * 1024])));

    public static byte[] Pdf => "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    /// <summary>A 1×1 PNG.</summary>
    public static byte[] Png => Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    public static byte[] Jpeg => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF\0"u8, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9];

    public static byte[] Gif => [.. "GIF89a"u8, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x3B];

    /// <summary>BITMAPFILEHEADER ("BM", size, two reserved zero words, offset) + a little more.</summary>
    public static byte[] Bmp => [.. "BM"u8, 0x3A, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 0x28, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0];

    /// <summary>The OLE compound file signature, then a (zeroed) header as in a .doc/.xls.</summary>
    public static byte[] Ole => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];

    /// <summary>An ISO media file: a 'ftyp' box (brand isom) then an empty 'mdat'.</summary>
    public static byte[] Mp4 => [0, 0, 0, 0x18, .. "ftypisom"u8, 0, 0, 2, 0, .. "isomiso2"u8, 0, 0, 0, 8, .. "mdat"u8];

    /// <summary>RIFF....AVI LIST.</summary>
    public static byte[] Avi => [.. "RIFF"u8, 0x24, 0, 0, 0, .. "AVI "u8, .. "LIST"u8, 4, 0, 0, 0, .. "hdrl"u8];

    /// <summary>An ID3v2 tag header then an MPEG frame sync.</summary>
    public static byte[] Mp3 => [.. "ID3"u8, 4, 0, 0, 0, 0, 0, 0, 0xFF, 0xFB, 0x90, 0x64];

    public static byte[] Text => Encoding.UTF8.GetBytes("Relato complementar: a obra da praça está parada desde março.\r\n");

    public static byte[] Csv => Encoding.Latin1.GetBytes("data;ocorrência\r\n01/03/2026;ônibus não passou\r\n");

    /// <summary>A DOS/PE header: "MZ", binary fields, the PE offset at 0x3C, then "PE\0\0".</summary>
    public static byte[] Executable
    {
        get
        {
            var bytes = new byte[256];
            "MZ"u8.CopyTo(bytes);
            bytes[2] = 0x90;
            bytes[0x3C] = 0x80;
            "PE\0\0"u8.CopyTo(bytes.AsSpan(0x80));
            return bytes;
        }
    }

    /// <summary>A Word document as Word writes it: [Content_Types].xml and word/document.xml in a ZIP.</summary>
    public static byte[] Docx => Zip(
        ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"u8.ToArray()),
        ("_rels/.rels", "<?xml version=\"1.0\"?><Relationships/>"u8.ToArray()),
        ("word/document.xml", "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>"u8.ToArray()));

    /// <summary>An OpenDocument text: the 'mimetype' entry first.</summary>
    public static byte[] Odt => Zip(("mimetype", "application/vnd.oasis.opendocument.text"u8.ToArray()), ("content.xml", "<office:document-content/>"u8.ToArray()));

    public static byte[] PlainZip => Zip(("fotos/portao.png", Png), ("relato.txt", Text));

    /// <summary>101 small entries: one more than a ZIP may hold.</summary>
    public static byte[] ZipWith101Entries => Zip(Enumerable.Range(1, 101).Select(i => ($"foto-{i:000}.txt", Text)).ToArray());

    /// <summary>One entry of 101 MB of zeros: about 100 KB on disk, declares 101 MB expanded.</summary>
    public static byte[] ZipExpandingPast100Mb => ExpandingBomb.Value;

    public static byte[] ZipWithTraversal => Zip(("../../etc/passwd", Text));

    public static byte[] ZipWithExecutable => Zip(("leia-me.txt", Text), ("instalar.exe", Executable));

    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = zip.CreateEntry(name, name == "mimetype" ? CompressionLevel.NoCompression : CompressionLevel.SmallestSize);
                using var stream = entry.Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }
}
