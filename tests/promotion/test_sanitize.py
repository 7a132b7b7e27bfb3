import pytest

from promotion.models import Article
from promotion.sanitize import clean_html
from tests.factories.promotion import ArticleFactory

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<h2>标题</h2><p onclick="steal()">正文<script>alert("x")</script></p>'
    '<a href="javascript:alert(1)">点我</a><img src="/media/a.png" onerror="alert(2)" alt="图">'
    '<iframe src="https://evil.example"></iframe><style>body{display:none}</style>'
)


@pytest.mark.parametrize(
    ("dirty", "absent"),
    [
        ("<script>alert(1)</script>文字", "<script"),
        ('<p onmouseover="alert(1)">文字</p>', "onmouseover"),
        ('<a href="javascript:alert(1)">链接</a>', "javascript:"),
        ('<a href="JaVaScRiPt:alert(1)">链接</a>', "alert"),
        ('<a href="data:text/html;base64,PHNjcmlwdD4=">链接</a>', "data:"),
        ('<img src="x" onerror="alert(1)">', "onerror"),
        ("<svg><script>alert(1)</script></svg>", "alert"),
        ('<iframe src="https://evil.example"></iframe>', "iframe"),
        ("<style>p{}</style>", "style"),
    ],
)
def test_clean_html_removes_hostile_markup(dirty, absent):
    assert absent.lower() not in clean_html(dirty).lower()


def test_clean_html_keeps_the_allowed_rich_text():
    html = (
        "<h2>进展</h2><h3>小节</h3><ul><li>一</li></ul><ol><li>二</li></ol>"
        '<p><strong>粗</strong><em>斜</em></p><a href="https://example.org/a">链接</a>'
        '<img src="/media/promotion/a.png" alt="图">'
    )
    cleaned = clean_html(html)
    for kept in (
        "<h2>",
        "<h3>",
        "<ul>",
        "<ol>",
        "<strong>",
        "<em>",
        'href="https://example.org/a"',
        'src="/media/promotion/a.png"',
        'alt="图"',
    ):
        assert kept in cleaned


def test_article_body_is_cleaned_on_save():
    article = ArticleFactory(body=HOSTILE)
    article.refresh_from_db()
    for absent in ("<script", "onclick", "javascript:", "onerror", "iframe", "<style"):
        assert absent not in article.body
    assert "<h2>标题</h2>" in article.body


def test_article_body_is_cleaned_on_render_when_stored_around_the_model(client):
    article = ArticleFactory(published=True)
    # A raw update skips save(): the page must clean again.
    Article.objects.filter(pk=article.pk).update(body=HOSTILE)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    body = content[content.index('class="article-body"') :]
    body = body[: body.index("</div>")]
    for absent in ("<script", "onclick", "javascript:", "onerror", "iframe", "<style"):
        assert absent not in body
    assert "<h2>标题</h2>" in body
