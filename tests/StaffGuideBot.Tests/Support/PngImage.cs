using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace StaffGuideBot.Tests.Support;

/// <summary>
/// A small PNG reader for tests: the IHDR header (size, bit depth, colour type) and, for 8-bit non-interlaced
/// images, the decoded pixels as RGBA. Written from the PNG specification (chunks, zlib-compressed IDAT, the five
/// row filters); every chunk's CRC is checked.
/// </summary>
public sealed class PngImage
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly uint[] CrcTable = BuildCrcTable();

    private readonly byte[] _rgba;

    private PngImage(int width, int height, byte bitDepth, byte colorType, byte[] rgba)
    {
        Width = width;
        Height = height;
        BitDepth = bitDepth;
        ColorType = colorType;
        _rgba = rgba;
    }

    public int Width { get; }

    public int Height { get; }

    public byte BitDepth { get; }

    /// <summary>0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA.</summary>
    public byte ColorType { get; }

    /// <summary>Whether the file can carry transparency at all (an alpha channel or a tRNS chunk).</summary>
    public bool HasAlpha { get; private init; }

    /// <summary>Reads only the signature and the IHDR chunk: (width, height, bit depth, colour type).</summary>
    public static (int Width, int Height, byte BitDepth, byte ColorType) ReadHeader(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 33 || !bytes.AsSpan(0, 8).SequenceEqual(Signature))
        {
            throw new InvalidDataException($"{path} is not a PNG file (signature).");
        }

        if (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(8, 4)) != 13 || Encoding.ASCII.GetString(bytes, 12, 4) != "IHDR")
        {
            throw new InvalidDataException($"{path}: the first chunk is not a 13-byte IHDR.");
        }

        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)), bytes[24], bytes[25]);
    }

    public static PngImage Load(string path) => Decode(File.ReadAllBytes(path), path);

    public static PngImage Decode(byte[] bytes, string name = "image")
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length < 8 || !bytes.AsSpan(0, 8).SequenceEqual(Signature))
        {
            throw new InvalidDataException($"{name} is not a PNG file (signature).");
        }

        int width = 0, height = 0;
        byte bitDepth = 0, colorType = 0, interlace = 0;
        byte[]? palette = null;
        byte[]? transparency = null;
        using var idat = new MemoryStream();
        var offset = 8;
        var sawEnd = false;
        while (offset + 12 <= bytes.Length && !sawEnd)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(offset, 4));
            if (length < 0 || offset + 12 + length > bytes.Length)
            {
                throw new InvalidDataException($"{name}: truncated chunk at byte {offset}.");
            }

            var type = Encoding.ASCII.GetString(bytes, offset + 4, 4);
            var data = bytes.AsSpan(offset + 8, length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset + 8 + length, 4));
            if (Crc32(bytes.AsSpan(offset + 4, length + 4)) != crc)
            {
                throw new InvalidDataException($"{name}: CRC mismatch in chunk {type}.");
            }

            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data[..4]);
                    height = BinaryPrimitives.ReadInt32BigEndian(data.Slice(4, 4));
                    bitDepth = data[8];
                    colorType = data[9];
                    interlace = data[12];
                    break;
                case "PLTE":
                    palette = data.ToArray();
                    break;
                case "tRNS":
                    transparency = data.ToArray();
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    sawEnd = true;
                    break;
            }

            offset += 12 + length;
        }

        if (width <= 0 || height <= 0 || !sawEnd)
        {
            throw new InvalidDataException($"{name}: missing IHDR or IEND.");
        }

        if (bitDepth != 8 || interlace != 0)
        {
            throw new NotSupportedException($"{name}: only 8-bit, non-interlaced PNGs are decoded here (bit depth {bitDepth}, interlace {interlace}).");
        }

        var channels = colorType switch
        {
            0 => 1,
            2 => 3,
            3 => 1,
            4 => 2,
            6 => 4,
            _ => throw new InvalidDataException($"{name}: unknown colour type {colorType}."),
        };

        var stride = width * channels;
        var raw = Inflate(idat.ToArray());
        if (raw.Length < height * (stride + 1))
        {
            throw new InvalidDataException($"{name}: image data too short.");
        }

        var pixels = Unfilter(raw, height, stride, channels);
        var rgba = new byte[width * height * 4];
        for (var i = 0; i < width * height; i++)
        {
            var s = i * channels;
            var d = i * 4;
            switch (colorType)
            {
                case 0:
                    rgba[d] = rgba[d + 1] = rgba[d + 2] = pixels[s];
                    rgba[d + 3] = transparency is { Length: >= 2 } && BinaryPrimitives.ReadUInt16BigEndian(transparency) == pixels[s] ? (byte)0 : (byte)255;
                    break;
                case 2:
                    rgba[d] = pixels[s];
                    rgba[d + 1] = pixels[s + 1];
                    rgba[d + 2] = pixels[s + 2];
                    rgba[d + 3] = transparency is { Length: >= 6 }
                        && BinaryPrimitives.ReadUInt16BigEndian(transparency) == pixels[s]
                        && BinaryPrimitives.ReadUInt16BigEndian(transparency.AsSpan(2)) == pixels[s + 1]
                        && BinaryPrimitives.ReadUInt16BigEndian(transparency.AsSpan(4)) == pixels[s + 2] ? (byte)0 : (byte)255;
                    break;
                case 3:
                    var index = pixels[s];
                    if (palette is null || (index * 3) + 2 >= palette.Length)
                    {
                        throw new InvalidDataException($"{name}: palette index {index} out of range.");
                    }

                    rgba[d] = palette[index * 3];
                    rgba[d + 1] = palette[(index * 3) + 1];
                    rgba[d + 2] = palette[(index * 3) + 2];
                    rgba[d + 3] = transparency is not null && index < transparency.Length ? transparency[index] : (byte)255;
                    break;
                case 4:
                    rgba[d] = rgba[d + 1] = rgba[d + 2] = pixels[s];
                    rgba[d + 3] = pixels[s + 1];
                    break;
                default:
                    Array.Copy(pixels, s, rgba, d, 4);
                    break;
            }
        }

        return new PngImage(width, height, bitDepth, colorType, rgba)
        {
            HasAlpha = colorType is 4 or 6 || transparency is not null,
        };
    }

    public (byte R, byte G, byte B, byte A) GetPixel(int x, int y)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(x, Width);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, Height);
        var i = ((y * Width) + x) * 4;
        return (_rgba[i], _rgba[i + 1], _rgba[i + 2], _rgba[i + 3]);
    }

    /// <summary>Every pixel, row by row.</summary>
    public IEnumerable<(int X, int Y, byte R, byte G, byte B, byte A)> Pixels()
    {
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var (r, g, b, a) = GetPixel(x, y);
                yield return (x, y, r, g, b, a);
            }
        }
    }

    private static byte[] Inflate(byte[] compressed)
    {
        using var input = new MemoryStream(compressed);
        using var zlib = new ZLibStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        zlib.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Unfilter(byte[] raw, int height, int stride, int bpp)
    {
        var result = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var src = (y * (stride + 1)) + 1;
            var row = y * stride;
            var prior = row - stride;
            for (var x = 0; x < stride; x++)
            {
                int left = x >= bpp ? result[row + x - bpp] : 0;
                int up = y > 0 ? result[prior + x] : 0;
                int upLeft = y > 0 && x >= bpp ? result[prior + x - bpp] : 0;
                var predictor = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"unknown PNG row filter {filter} in row {y}."),
                };
                result[row + x] = unchecked((byte)(raw[src + x] + predictor));
            }
        }

        return result;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
