"""Models of the portal app, split by concern."""

from .categories import Category
from .pages import ArticlePage, ArticlePageTag, ContentPage, HomePage, RegisterPage, SectionPage
from .site_settings import PortalSettings

__all__ = [
    "ArticlePage",
    "ArticlePageTag",
    "Category",
    "ContentPage",
    "HomePage",
    "PortalSettings",
    "RegisterPage",
    "SectionPage",
]
