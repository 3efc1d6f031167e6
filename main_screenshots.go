//go:build screenshots

package main

import "kintsugi/screens"

func init() { renderScreenshots = screens.Screenshots }
