// Package assets holds what Kintsugi embeds in its binary: the content in every language, the
// fonts the workbook prints with, and the icon.
package assets

import (
	"embed"
	"io/fs"
)

//go:embed content/*.json sample/*.json fonts/*.ttf icon.png
var files embed.FS

// FS is the embedded file system; content lives under content/, fonts under fonts/.
var FS fs.FS = files

// Font names the embedded typefaces.
const (
	SerifRegular = "fonts/NotoSerif-Regular.ttf"
	SerifItalic  = "fonts/NotoSerif-Italic.ttf"
	SerifBold    = "fonts/NotoSerif-Bold.ttf"
	SansRegular  = "fonts/NotoSans-Regular.ttf"
	SansBold     = "fonts/NotoSans-Bold.ttf"
)

// Icon returns the application icon as PNG bytes.
func Icon() []byte {
	b, _ := files.ReadFile("icon.png") // embedded at build time: cannot fail
	return b
}

// File returns an embedded file's bytes.
func File(name string) ([]byte, error) { return files.ReadFile(name) }
