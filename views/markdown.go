package views

import (
	"bytes"
	"context"
	"html"
	"io"

	"github.com/a-h/templ"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"derap/views/form"
)

// markdown renders officials' Markdown (an event's minutes). Raw HTML is never passed
// through: it is shown as the text it is, so a <script> in the minutes reads as text.
// goldmark's own renderer already refuses dangerous link targets such as javascript:.
var markdown = goldmark.New(
	goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(headingsBelowSection{}, 100))),
	goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(htmlAsText{}, 100))),
)

// headingsBelowSection puts the Markdown's headings under the page's own h2 of the
// section that shows it, so that headings nest: # and ## become h3, ### h4, and so on.
type headingsBelowSection struct{}

// Transform shifts every heading's level.
func (headingsBelowSection) Transform(doc *ast.Document, _ gmtext.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			h.Level = min(max(h.Level, 2)+1, 6)
		}
		return ast.WalkContinue, nil
	})
}

// htmlAsText renders raw HTML, inline or in blocks, escaped.
type htmlAsText struct{}

// RegisterFuncs takes over the two kinds of raw HTML node from goldmark's renderer.
func (htmlAsText) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			segs := n.(*ast.RawHTML).Segments
			for i := range segs.Len() {
				seg := segs.At(i)
				_, _ = w.WriteString(html.EscapeString(string(seg.Value(source))))
			}
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(ast.KindHTMLBlock, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		b := n.(*ast.HTMLBlock)
		if entering {
			_, _ = w.WriteString("<p>")
			lines := b.Lines()
			for i := range lines.Len() {
				line := lines.At(i)
				_, _ = w.WriteString(html.EscapeString(string(line.Value(source))))
			}
			if b.HasClosure() {
				_, _ = w.WriteString(html.EscapeString(string(b.ClosureLine.Value(source))))
			}
			_, _ = w.WriteString("</p>\n")
		}
		return ast.WalkContinue, nil
	})
}

// RenderMarkdown turns Markdown into HTML safe to put in a page. Text beyond what the
// forms let through as Markdown (form.MarkdownProblem: stored before those limits, say) is
// shown as plain escaped text, so no stored text can make a page slow to render.
func RenderMarkdown(src string) (string, error) {
	var buf bytes.Buffer
	if form.MarkdownProblem(src) != "" {
		buf.WriteString(`<pre class="plain-text">`)
		buf.WriteString(html.EscapeString(src))
		buf.WriteString("</pre>\n")
		return buf.String(), nil
	}
	if err := markdown.Convert([]byte(src), &buf); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// Markdown is a component that renders Markdown safely (see markdown above).
func Markdown(src string) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		out, err := RenderMarkdown(src)
		if err != nil {
			return err
		}
		_, err = io.WriteString(w, out)
		return err
	})
}
