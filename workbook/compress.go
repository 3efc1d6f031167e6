package workbook

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"slices"
	"strconv"
	"sync"
)

// fpdf starts a new zlib compressor, about a megabyte of memory, for every page it compresses:
// most of the time a workbook took. So pages are written plain, and compressPages deflates
// every unfiltered stream afterwards with one compressor, rebuilding the cross-reference table.
// Should the file not look exactly as expected, it is returned as it is: valid, only larger.

var deflaters = sync.Pool{New: func() any {
	w, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed) // a valid level: cannot fail
	return w
}}

// compressPages returns the PDF with its unfiltered streams compressed, or raw if it cannot.
func compressPages(raw []byte) []byte {
	out, err := recompress(raw)
	if err != nil {
		return raw
	}
	return out
}

var plainStream = []byte(">>\nstream\n")

func recompress(raw []byte) ([]byte, error) {
	xref, err := xrefOffset(raw)
	if err != nil {
		return nil, err
	}
	offsets, tableEnd, err := readXref(raw, xref)
	if err != nil {
		return nil, err
	}
	type object struct {
		num        int
		start, end int
	}
	objs := make([]object, 0, len(offsets))
	for num, off := range offsets {
		if num > 0 {
			objs = append(objs, object{num: num, start: off})
		}
	}
	slices.SortFunc(objs, func(a, b object) int { return a.start - b.start })
	for i := range objs {
		objs[i].end = xref
		if i+1 < len(objs) {
			objs[i].end = objs[i+1].start
		}
		if objs[i].start >= objs[i].end || objs[i].end > len(raw) {
			return nil, fmt.Errorf("object %d out of order", objs[i].num)
		}
	}
	if len(objs) == 0 || objs[0].start > xref {
		return nil, fmt.Errorf("no objects")
	}
	zw := deflaters.Get().(*zlib.Writer)
	defer deflaters.Put(zw)
	var out bytes.Buffer
	out.Grow(len(raw) / 2)
	out.Write(raw[:objs[0].start])
	newOffsets := make([]int, len(offsets))
	var z bytes.Buffer
	for _, o := range objs {
		newOffsets[o.num] = out.Len()
		chunk := raw[o.start:o.end]
		head := strconv.Itoa(o.num) + " 0 obj\n<</Length "
		if !bytes.HasPrefix(chunk, []byte(head)) {
			out.Write(chunk)
			continue
		}
		rest := chunk[len(head):]
		digits := 0
		for digits < len(rest) && rest[digits] >= '0' && rest[digits] <= '9' {
			digits++
		}
		n, err := strconv.Atoi(string(rest[:digits]))
		if err != nil || !bytes.HasPrefix(rest[digits:], plainStream) {
			out.Write(chunk)
			continue
		}
		body := rest[digits+len(plainStream):]
		if n > len(body) || !bytes.HasPrefix(body[n:], []byte("\nendstream")) {
			return nil, fmt.Errorf("object %d: stream length", o.num)
		}
		z.Reset()
		zw.Reset(&z)
		if _, err := zw.Write(body[:n]); err != nil {
			return nil, err
		}
		if err := zw.Close(); err != nil {
			return nil, err
		}
		fmt.Fprintf(&out, "%d 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n", o.num, z.Len())
		out.Write(z.Bytes())
		out.Write(body[n:])
	}
	newXref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(offsets))
	for _, off := range newOffsets[1:] {
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	trailer := raw[tableEnd:]
	sx := bytes.LastIndex(trailer, []byte("startxref"))
	if sx < 0 {
		return nil, fmt.Errorf("no startxref")
	}
	out.Write(trailer[:sx])
	fmt.Fprintf(&out, "startxref\n%d\n%%%%EOF\n", newXref)
	return out.Bytes(), nil
}

// xrefOffset reads where the cross-reference table starts, from the end of the file.
func xrefOffset(raw []byte) (int, error) {
	i := bytes.LastIndex(raw, []byte("startxref\n"))
	if i < 0 {
		return 0, fmt.Errorf("no startxref")
	}
	rest := raw[i+len("startxref\n"):]
	end := bytes.IndexByte(rest, '\n')
	if end < 0 {
		return 0, fmt.Errorf("startxref unterminated")
	}
	off, err := strconv.Atoi(string(bytes.TrimSpace(rest[:end])))
	if err != nil || off <= 0 || off >= len(raw) {
		return 0, fmt.Errorf("startxref %q", rest[:end])
	}
	return off, nil
}

// readXref reads a single-section table "xref\n0 N\n" of N 20-byte entries; it returns each
// object's offset and where the table ends.
func readXref(raw []byte, at int) ([]int, int, error) {
	p := raw[at:]
	if !bytes.HasPrefix(p, []byte("xref\n0 ")) {
		return nil, 0, fmt.Errorf("no xref table")
	}
	p = p[len("xref\n0 "):]
	nl := bytes.IndexByte(p, '\n')
	if nl < 0 {
		return nil, 0, fmt.Errorf("xref unterminated")
	}
	count, err := strconv.Atoi(string(p[:nl]))
	if err != nil || count < 1 {
		return nil, 0, fmt.Errorf("xref count %q", p[:nl])
	}
	entries := at + len("xref\n0 ") + nl + 1
	end := entries + 20*count
	if end > len(raw) {
		return nil, 0, fmt.Errorf("xref truncated")
	}
	offsets := make([]int, count)
	for i := 1; i < count; i++ {
		e := raw[entries+20*i : entries+20*i+20]
		if e[17] != 'n' {
			return nil, 0, fmt.Errorf("xref entry %d is not in use", i)
		}
		if offsets[i], err = strconv.Atoi(string(e[:10])); err != nil {
			return nil, 0, fmt.Errorf("xref entry %d: %w", i, err)
		}
	}
	return offsets, end, nil
}
