package devserver

import (
	"os/exec"
	"runtime"
)

// openBrowser opens url in the desktop's browser (xdg-open, or open on macOS).
// It does not wait: the opener may stay around as long as the browser does.
func openBrowser(url string) error {
	name, args := "xdg-open", []string{url}
	switch runtime.GOOS {
	case "darwin":
		name = "open"
	case "windows":
		name, args = "rundll32", []string{"url.dll,FileProtocolHandler", url}
	}
	cmd := exec.Command(name, args...)
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}
