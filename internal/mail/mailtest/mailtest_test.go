package mailtest

import (
	"strings"
	"testing"
)

// go-mail writes quoted-printable; other clients write base64 or nothing, and parse must
// read those as well.
func TestParse(t *testing.T) {
	tests := []struct {
		name, raw        string
		text, html, subj string
	}{
		{
			name: "plain 7bit",
			raw:  "Subject: Halo\r\n\r\nbaris satu\r\nbaris dua\r\n",
			text: "baris satu\nbaris dua", subj: "Halo",
		},
		{
			name: "base64 single part",
			raw: "Subject: =?UTF-8?B?S29sYWthIOKAlCB1amk=?=\r\nContent-Type: text/plain; charset=UTF-8\r\n" +
				"Content-Transfer-Encoding: base64\r\n\r\nS29sYWthIOKAlCB1amkK\r\n",
			text: "Kolaka — uji\n", subj: "Kolaka — uji",
		},
		{
			name: "multipart, base64 and quoted-printable",
			raw: "Subject: =?UTF-8?q?Kolaka_=E2=80=94_uji?=\r\nMIME-Version: 1.0\r\n" +
				"Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n" +
				"--b1\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" +
				"Kolaka =E2=80=94 baris yang pan=\r\njang\r\n" +
				"--b1\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
				"PHA+S29sYWthPC9wPg==\r\n" +
				"--b1--\r\n",
			text: "Kolaka — baris yang panjang", html: "<p>Kolaka</p>", subj: "Kolaka — uji",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := parse([]byte(tt.raw))
			if err != nil {
				t.Fatal(err)
			}
			if r.Text != tt.text || r.HTML != tt.html || r.Subject != tt.subj {
				t.Errorf("got text %q html %q subject %q\nwant text %q html %q subject %q",
					r.Text, r.HTML, r.Subject, tt.text, tt.html, tt.subj)
			}
		})
	}
	if _, err := parse([]byte("Content-Transfer-Encoding: x-uue\r\n\r\nbody\r\n")); err == nil || !strings.Contains(err.Error(), "x-uue") {
		t.Errorf("unknown transfer encoding: %v", err)
	}
}

func TestURL(t *testing.T) {
	tests := []struct {
		opts []Option
		want string // with PORT for the port
	}{
		{nil, "smtp://127.0.0.1:PORT?tls=none"},
		{[]Option{WithAuth("portal", "p@ss/word")}, "smtp://portal:p%40ss%2Fword@127.0.0.1:PORT?tls=none"},
		{[]Option{WithSTARTTLS()}, "smtp://127.0.0.1:PORT?tls=mandatory"},
		{[]Option{WithImplicitTLS(), WithAuth("u", "p")}, "smtps://u:p@127.0.0.1:PORT"},
	}
	for _, tt := range tests {
		s := Start(t, tt.opts...)
		_, port, _ := strings.Cut(s.addr, ":")
		if got, want := s.URL(), strings.Replace(tt.want, "PORT", port, 1); got != want {
			t.Errorf("URL() = %s, want %s", got, want)
		}
	}
}
