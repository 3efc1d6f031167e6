package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// checkJSONText refuses what encoding/json accepts but changes on the way in: an object with the
// same key twice, and a \u escape of half a UTF-16 surrogate pair.
func checkJSONText(raw []byte) error {
	if err := loneSurrogate(raw); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	return duplicateKeys(dec, "")
}

// duplicateKeys walks one JSON value from dec and fails on the first object key seen twice.
func duplicateKeys(dec *json.Decoder, path string) error {
	tok, err := dec.Token()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil
		}
		return nil // a syntax error: the strict decoder after this says it better
	}
	d, ok := tok.(json.Delim)
	if !ok {
		return nil
	}
	switch d {
	case '{':
		seen := map[string]bool{}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return nil
			}
			key, _ := kt.(string)
			if seen[key] {
				return fmt.Errorf("%s has the key %q twice", orTop(path), key)
			}
			seen[key] = true
			if err := duplicateKeys(dec, path+"."+key); err != nil {
				return err
			}
		}
		_, err = dec.Token() // '}'
	case '[':
		for i := 0; dec.More(); i++ {
			if err := duplicateKeys(dec, path+"["+strconv.Itoa(i)+"]"); err != nil {
				return err
			}
		}
		_, err = dec.Token() // ']'
	}
	if err != nil {
		return nil
	}
	return nil
}

func orTop(path string) string {
	if path == "" {
		return "the document"
	}
	return path[1:]
}

// loneSurrogate finds a \uD800-\uDFFF escape inside a JSON string that is not a high surrogate
// followed at once by a low one.
func loneSurrogate(raw []byte) error {
	inString := false
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if !inString {
			if c == '"' {
				inString = true
			}
			continue
		}
		switch c {
		case '"':
			inString = false
		case '\\':
			if i+1 >= len(raw) {
				return nil
			}
			if raw[i+1] != 'u' {
				i++ // the escaped character
				continue
			}
			r, ok := hex4(raw, i+2)
			if !ok {
				return nil // malformed: the decoder reports it
			}
			i += 5
			switch {
			case r >= 0xDC00 && r <= 0xDFFF:
				return fmt.Errorf("the text holds half a character (\\u%04X alone)", r)
			case r >= 0xD800 && r <= 0xDBFF:
				low, ok := uint32(0), false
				if i+2 < len(raw) && raw[i+1] == '\\' && raw[i+2] == 'u' {
					low, ok = hex4(raw, i+3)
				}
				if !ok || low < 0xDC00 || low > 0xDFFF {
					return fmt.Errorf("the text holds half a character (\\u%04X alone)", r)
				}
				i += 6
			}
		}
	}
	return nil
}

func hex4(raw []byte, at int) (uint32, bool) {
	if at+4 > len(raw) {
		return 0, false
	}
	v, err := strconv.ParseUint(string(raw[at:at+4]), 16, 32)
	return uint32(v), err == nil
}
