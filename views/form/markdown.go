package form

import "strings"

// The Markdown renderer (views/markdown.go, goldmark) takes time that grows with the
// square of some shapes of text: block quotes or lists nested thousands deep, and long runs
// of brackets or emphasis marks in one paragraph (a 100 KB line of ">" took 44 s, one of
// "*_a" 9 s). Minutes written by people stay far below these limits; with them the worst
// accepted 100 KB renders in well under a second (BenchmarkMarkdownWorstAccepted).
const (
	// MaxMarkdownNesting is how many block quotes and list items one line may open.
	MaxMarkdownNesting = 8
	// MaxMarkdownIndent is the most columns of white space a line may start with.
	MaxMarkdownIndent = 40
	// MaxMarkdownMarksPerParagraph and MaxMarkdownMarks bound the inline marks (* _ [ ] ` < ~)
	// in a paragraph and in the whole text.
	MaxMarkdownMarksPerParagraph = 500
	MaxMarkdownMarks             = 5000
)

// MarkdownProblem is the catalog key of why src is too costly to render, or "".
func MarkdownProblem(src string) string {
	total, paragraph := 0, 0
	for line := range strings.Lines(src) {
		if strings.TrimSpace(line) == "" {
			paragraph = 0
			continue
		}
		indent, depth := markdownNesting(line)
		if indent > MaxMarkdownIndent || depth > MaxMarkdownNesting {
			return "error.markdown_nested"
		}
		marks := markdownMarks(line)
		total += marks
		paragraph += marks
		if paragraph > MaxMarkdownMarksPerParagraph || total > MaxMarkdownMarks {
			return "error.markdown_marks"
		}
	}
	return ""
}

// markdownNesting measures a line's leading white space in columns (a tab to the next
// multiple of four) and counts the block quote and list markers that open it.
func markdownNesting(line string) (indent, depth int) {
	i := 0
	for ; i < len(line) && (line[i] == ' ' || line[i] == '\t'); i++ {
		if line[i] == '\t' {
			indent += 4 - indent%4
		} else {
			indent++
		}
	}
	for rest := line[i:]; rest != ""; {
		rest = strings.TrimLeft(rest, " \t")
		switch n := listMarker(rest); {
		case strings.HasPrefix(rest, ">"):
			rest = rest[1:]
		case n > 0:
			rest = rest[n:]
		default:
			return indent, depth
		}
		depth++
	}
	return indent, depth
}

// listMarker is the length of the list item marker rest starts with ("- ", "12. "), or 0.
func listMarker(rest string) int {
	n := 0
	if rest != "" && strings.IndexByte("-+*", rest[0]) >= 0 {
		n = 1
	} else {
		for n < len(rest) && n < 9 && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		if n == 0 || n == len(rest) || (rest[n] != '.' && rest[n] != ')') {
			return 0
		}
		n++
	}
	if n < len(rest) && rest[n] != ' ' && rest[n] != '\t' && rest[n] != '\n' && rest[n] != '\r' {
		return 0
	}
	return n
}

// markdownMarks counts the characters that open or close inline Markdown in a line.
func markdownMarks(line string) int {
	n := 0
	for i := 0; i < len(line); i++ {
		if strings.IndexByte("*_[]`<~", line[i]) >= 0 {
			n++
		}
	}
	return n
}
