"""Every figure on one printable page with the filters it was made with, and the same as a PDF download; bad filters
a Dutch 400 that shows no figure; a Dutch 503 where WeasyPrint's system libraries are missing."""

import pytest
from django.urls import reverse

from routekaart.core import pdf as core_pdf
from routekaart.organisations.roles import Role
from routekaart.residents.tests.factories import MunicipalityFactory

from ..figures import figure_codes
from ..models import FlowCount
from .factories_exports import FLOW_CODE, LINE_CODE, SAMPLE_CODE, SANKEY_CODE, STACKED_CODE, FlowCountFactory

pytestmark = [pytest.mark.django_db]


def test_the_print_page_shows_every_registered_figures_table_with_the_filters(staff_client):
    zaanstad = MunicipalityFactory(name="Zaanstad")
    FlowCountFactory(label="Basisroute", count=14, municipality=zaanstad)
    client, _ = staff_client(Role.POLICY)
    response = client.get(reverse("insights:print"), {"van": "2026-01", "tot": "2026-06", "gemeente": zaanstad.pk})
    assert response.status_code == 200
    html = response.content.decode()
    for code in figure_codes():
        assert f'id="figuur-{code}"' in html
    for code in (SAMPLE_CODE, FLOW_CODE, SANKEY_CODE, LINE_CODE, STACKED_CODE):
        assert code in figure_codes()
    assert "<dd>Zaanstad</dd>" in html and "<dd>2026-01</dd>" in html and "<dd>2026-06</dd>" in html
    assert "Basisroute" in html and ">14</td>" in html
    # no downloads per figure on paper; one PDF download with the same filters
    assert "Download als CSV" not in html
    assert f"/sturing/afdrukken.pdf?van=2026-01&amp;tot=2026-06&amp;gemeente={zaanstad.pk}" in html
    # the print stylesheet (no navigation, a page per figure) is linked
    assert "insights/insights.css" in html


def test_bad_filters_on_the_print_page_are_a_dutch_400_without_figures(staff_client):
    FlowCountFactory(label="Basisroute", count=14)
    client, _ = staff_client(Role.POLICY)
    response = client.get(reverse("insights:print"), {"van": "2026-13"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vul een maand in als jjjj-mm, bijvoorbeeld 2026-01." in html
    assert 'class="rk-insight"' not in html
    assert FlowCount.objects.count() == 1


def test_the_pdf_is_a_pdf_download_of_every_figure(staff_client, monkeypatch):
    captured = {}
    real = core_pdf.pdf_from_html

    def spy(html, **kwargs):
        captured["html"] = html
        return real(html, **kwargs)

    monkeypatch.setattr("routekaart.insights.export_views.pdf_from_html", spy)
    client, _ = staff_client(Role.POLICY)
    response = client.get(reverse("insights:print_pdf"), {"van": "2026-01", "tot": "2026-03"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="sturing-2026-01-2026-03.pdf"'
    assert response.content.startswith(b"%PDF")
    # the PDF's HTML has every figure's table, no chart (no JavaScript in a PDF) and no download links
    for code in figure_codes():
        assert f'id="figuur-{code}"' in captured["html"]
    assert "data-chart" not in captured["html"] and "Download als" not in captured["html"]


def test_the_pdf_answers_a_dutch_503_without_pangos_libraries(staff_client, monkeypatch):
    def missing(html, *, unavailable, **kwargs):
        raise unavailable("libpango-1.0-0: cannot open shared object file")

    monkeypatch.setattr("routekaart.insights.export_views.pdf_from_html", missing)
    client, _ = staff_client(Role.POLICY)
    response = client.get(reverse("insights:print_pdf"))
    assert response.status_code == 503
    html = response.content.decode()
    assert "Het overzicht kan nu niet als PDF worden gemaakt." in html
    assert "libpango" not in html


def test_bad_filters_for_the_pdf_are_a_dutch_400(staff_client):
    client, _ = staff_client(Role.POLICY)
    response = client.get(reverse("insights:print_pdf"), {"van": "2026-05", "tot": "2026-01"})
    assert response.status_code == 400
    assert "De laatste maand ligt voor de eerste; kies een latere maand." in response.content.decode()


@pytest.mark.parametrize("name", ["insights:print", "insights:print_pdf"])
def test_only_the_roles_of_steering_print_the_figures(staff_client, name):
    client, _ = staff_client(Role.COORDINATOR)
    assert client.get(reverse(name)).status_code == 403
