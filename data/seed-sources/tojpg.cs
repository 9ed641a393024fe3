#:package Magick.NET-Q8-AnyCPU@15.1.0
using ImageMagick;
using var image = new MagickImage(args[0]);
image.Strip();
image.Quality = 82;
image.Format = MagickFormat.Jpeg;
image.Write(args[1]);
Console.WriteLine($"{image.Width}x{image.Height}");
