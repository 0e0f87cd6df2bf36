"""Demo questions: a dozen citizens' questions in every state, on the main portal and sub-portals.

Run by ``seed_demo`` (registered in portal/demo/extensions.py). Each question goes through the real
services (assign, draft, approve, close) with back-dated times, so its history, deadline and the
statistics are what they would be; no e-mail is sent. A question already there (same title, same
site) is left alone, so a second run changes nothing. A management-unit account ``trungtam.quanly``
(the demo password) does the triage.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model

from subportals.enums import EditorialRole
from subportals.models import Unit, UnitGroup
from subportals.provisioning import ensure_management_group

from . import services
from .enums import CloseReason, Kind, Topic
from .models import Feedback

MANAGER_USERNAME = "trungtam.quanly"
ROLE_SUFFIX = {EditorialRole.EDITOR: "bientap", EditorialRole.BOARD_HEAD: "truongban"}


@dataclass(frozen=True)
class DemoQuestion:
    site: str  # the unit whose portal received it
    title: str
    question: str
    name: str
    topic: str
    days_ago: int
    state: str  # received, assigned, pending, published, private, closed
    unit: str = ""  # the unit it is assigned to
    email: str = ""
    phone: str = ""
    consent: bool = True
    kind: str = Kind.QUESTION
    answer: str = ""
    answer_after_days: int = 6
    published_question: str = ""
    close_note: str = ""


QUESTIONS = [
    DemoQuestion(
        site="syt",
        unit="syt",
        topic=Topic.HEALTH,
        title="Lịch tiêm vắc xin sởi cho trẻ 9 tháng tuổi",
        question=(
            "Con tôi sinh tháng 3/2025, nay được 9 tháng tuổi. Xin hỏi trạm y tế phường tiêm vắc xin sởi "
            "miễn phí vào ngày nào trong tháng, cần mang theo giấy tờ gì? Tôi là Trần Thị Hoa, nhà ở "
            "số 12 đường Lê Hồng Phong."
        ),
        published_question=(
            "Con tôi được 9 tháng tuổi. Xin hỏi trạm y tế phường tiêm vắc xin sởi miễn phí vào ngày nào "
            "trong tháng, cần mang theo giấy tờ gì?"
        ),
        name="Trần Thị Hoa",
        email="tranthihoa.nt@example.com",
        days_ago=40,
        state="published",
        answer=(
            "Sở Y tế trả lời như sau:\n\nVắc xin sởi mũi 1 cho trẻ đủ 9 tháng tuổi thuộc Chương trình tiêm "
            "chủng mở rộng, được tiêm miễn phí tại trạm y tế xã, phường, thường vào các ngày 25 đến 27 hằng "
            "tháng (trạm y tế thông báo lịch cụ thể qua tổ dân phố).\n\nKhi đi tiêm, phụ huynh mang theo sổ "
            "hoặc phiếu tiêm chủng của trẻ (hoặc mã định danh của trẻ để tra cứu trên hệ thống tiêm chủng "
            "quốc gia). Trẻ đang sốt hoặc mắc bệnh cấp tính sẽ được hẹn tiêm sau."
        ),
    ),
    DemoQuestion(
        site="syt",
        unit="syt",
        topic=Topic.HEALTH,
        title="Cấp lại chứng chỉ hành nghề khám bệnh, chữa bệnh bị mất",
        question=(
            "Tôi là điều dưỡng, bị mất chứng chỉ hành nghề do Sở Y tế cấp năm 2019. Xin hỏi thủ tục cấp lại, "
            "lệ phí và thời gian giải quyết?"
        ),
        name="Nguyễn Văn Long",
        phone="0905 318 442",
        days_ago=33,
        state="published",
        answer_after_days=4,
        answer=(
            "Theo Luật Khám bệnh, chữa bệnh năm 2023, chứng chỉ hành nghề được thay bằng giấy phép hành nghề. "
            "Ông nộp hồ sơ đề nghị cấp lại giấy phép hành nghề (đơn theo mẫu, ảnh chân dung, bản sao giấy tờ "
            "tùy thân) qua Cổng Dịch vụ công quốc gia hoặc tại Trung tâm Phục vụ hành chính công tỉnh.\n\n"
            "Thời hạn giải quyết là 10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; lệ phí theo quy định "
            "của Bộ Tài chính."
        ),
    ),
    DemoQuestion(
        site="syt",
        unit="syt",
        topic=Topic.HEALTH,
        title="Chi phí tiêm vắc xin phòng dại sau khi bị chó cắn",
        question=(
            "Con tôi bị chó nhà hàng xóm cắn. Xin hỏi tiêm phòng dại ở trung tâm y tế có được bảo hiểm y tế "
            "chi trả không, cần tiêm mấy mũi?"
        ),
        name="Lê Thị Mỹ Dung",
        email="mydung.le@example.com",
        days_ago=5,
        state="pending",
        answer=(
            "Vắc xin phòng dại không thuộc danh mục do quỹ bảo hiểm y tế chi trả; người dân tiêm dịch vụ tại "
            "Trung tâm Kiểm soát bệnh tật tỉnh hoặc trung tâm y tế các huyện, thị xã, thành phố. Phác đồ "
            "thường gồm 4 đến 5 mũi tùy loại vắc xin, theo chỉ định của bác sĩ."
        ),
    ),
    DemoQuestion(
        site="syt",
        unit="syt",
        topic=Topic.HEALTH,
        kind=Kind.FEEDBACK,
        title="Phản ánh thời gian chờ khám tại khoa Nhi",
        question=(
            "Sáng thứ Hai, tôi đưa con đến khám tại khoa Nhi và phải chờ hơn 3 giờ. Đề nghị bệnh viện bố trí "
            "thêm bàn khám vào đầu tuần và cho lấy số khám trực tuyến."
        ),
        name="Phạm Quốc Bảo",
        phone="0918 220 731",
        days_ago=30,
        state="assigned",
    ),
    DemoQuestion(
        site="khanhhoa",
        unit="khanhhoa",
        topic=Topic.EDUCATION,
        title="Học phí năm học 2025–2026 đối với học sinh trung học cơ sở công lập",
        question=(
            "Con tôi học lớp 7 tại một trường trung học cơ sở công lập ở Nha Trang. Xin hỏi năm học "
            "2025–2026 học sinh có phải đóng học phí không?"
        ),
        name="Võ Thị Thanh Tâm",
        email="thanhtam.vo@example.com",
        days_ago=60,
        state="published",
        answer_after_days=7,
        answer=(
            "Theo Nghị quyết số 217/2025/QH15 của Quốc hội, từ năm học 2025–2026 học sinh trung học cơ sở "
            "học tại cơ sở giáo dục công lập được miễn học phí. Nhà trường không thu học phí; các khoản thu "
            "khác (bán trú, dịch vụ tự nguyện) thực hiện theo hướng dẫn của Sở Giáo dục và Đào tạo và phải "
            "được công khai."
        ),
    ),
    DemoQuestion(
        site="khanhhoa",
        unit="nhatrang",
        topic=Topic.LAND,
        title="Thời gian cấp Giấy chứng nhận quyền sử dụng đất lần đầu cho hộ gia đình",
        question=(
            "Gia đình tôi sử dụng đất ổn định từ năm 1998, chưa được cấp sổ đỏ. Xin hỏi nộp hồ sơ ở đâu và "
            "bao lâu thì được cấp Giấy chứng nhận?"
        ),
        name="Đặng Văn Hùng",
        phone="0935 604 118",
        days_ago=52,
        state="published",
        answer_after_days=9,
        answer=(
            "Hộ gia đình nộp hồ sơ đăng ký, cấp Giấy chứng nhận lần đầu tại Bộ phận tiếp nhận và trả kết quả "
            "của UBND thành phố hoặc Chi nhánh Văn phòng đăng ký đất đai. Thời gian giải quyết không quá 20 "
            "ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ (không kể thời gian niêm yết công khai, xác minh "
            "nguồn gốc đất và thời gian thực hiện nghĩa vụ tài chính)."
        ),
    ),
    DemoQuestion(
        site="nhatrang",
        unit="nhatrang",
        topic=Topic.CONSTRUCTION,
        title="Xây nhà 3 tầng trong khu dân cư hiện hữu có cần giấy phép xây dựng?",
        question=(
            "Tôi muốn phá nhà cấp 4 để xây nhà 3 tầng trên lô đất 80 m² trong hẻm đường Hùng Vương. "
            "Xin hỏi có phải xin giấy phép xây dựng không, hồ sơ gồm những gì?"
        ),
        name="Huỳnh Ngọc Sơn",
        email="ngocson.huynh@example.com",
        days_ago=25,
        state="published",
        answer_after_days=6,
        answer=(
            "Nhà ở riêng lẻ tại đô thị phải có giấy phép xây dựng, trừ các trường hợp được miễn theo Luật Xây "
            "dựng. Hồ sơ gồm đơn đề nghị theo mẫu, bản sao giấy tờ về quyền sử dụng đất và hai bộ bản vẽ thiết "
            "kế. Ông nộp tại Bộ phận Một cửa UBND thành phố hoặc trực tuyến; thời hạn cấp phép là 15 ngày kể "
            "từ ngày nhận đủ hồ sơ hợp lệ."
        ),
    ),
    DemoQuestion(
        site="nhatrang",
        unit="nhatrang",
        topic=Topic.CONSTRUCTION,
        title="Hồ sơ xin phép sửa chữa nhà đã quá hạn trả kết quả",
        question=(
            "Tôi nộp hồ sơ xin phép sửa chữa nhà số 45 đường Bạch Đằng từ tháng trước, phiếu hẹn đã quá hạn "
            "nhưng chưa nhận được kết quả. Đề nghị kiểm tra giúp."
        ),
        name="Ngô Thị Kim Oanh",
        email="kimoanh.ngo@example.com",
        consent=False,
        days_ago=18,
        state="private",
        answer_after_days=3,
        answer=(
            "Phòng Quản lý đô thị đã kiểm tra: hồ sơ của bà cần bổ sung bản vẽ hiện trạng; thông báo bổ sung "
            "đã gửi qua số điện thoại bà đăng ký. Sau khi bà bổ sung, kết quả được trả trong 5 ngày làm việc."
        ),
    ),
    DemoQuestion(
        site="khanhhoa",
        topic=Topic.OTHER,
        title="Khiếu nại bản án sơ thẩm vụ tranh chấp đất đai",
        question="Tôi không đồng ý với bản án sơ thẩm vụ tranh chấp đất với hàng xóm. Xin UBND tỉnh xem xét lại.",
        name="Lý Văn Tài",
        phone="0977 403 215",
        days_ago=20,
        state="closed",
        close_note=(
            "Việc xem xét lại bản án thuộc thẩm quyền của Tòa án. Đề nghị ông kháng cáo theo thủ tục tố tụng "
            "dân sự hoặc liên hệ Tòa án nhân dân tỉnh để được hướng dẫn."
        ),
    ),
    DemoQuestion(
        site="khanhhoa",
        unit="stttt",
        topic=Topic.DIGITAL,
        title="Đăng ký chữ ký số để nộp hồ sơ dịch vụ công trực tuyến",
        question=(
            "Doanh nghiệp nhỏ của tôi muốn nộp hồ sơ trực tuyến có ký số. Xin hỏi đăng ký chữ ký số ở đâu, "
            "có được hỗ trợ chi phí không?"
        ),
        name="Trịnh Minh Khoa",
        email="minhkhoa.trinh@example.com",
        days_ago=14,
        state="published",
        answer_after_days=5,
        answer=(
            "Doanh nghiệp mua dịch vụ chứng thư chữ ký số công cộng của một trong các tổ chức được Bộ cấp "
            "phép; người dân có thể dùng chữ ký số cá nhân miễn phí trên ứng dụng VNeID khi được hỗ trợ. Sở "
            "Thông tin và Truyền thông hướng dẫn cài đặt, sử dụng qua đường dây nóng của Trung tâm Phục vụ "
            "hành chính công tỉnh."
        ),
    ),
    DemoQuestion(
        site="khanhhoa",
        unit="nhatrang",
        kind=Kind.FEEDBACK,
        topic=Topic.TRANSPORT,
        title="Đề nghị lắp đèn tín hiệu giao thông tại nút giao gần trường học",
        question=(
            "Nút giao trước cổng trường tiểu học trên đường 23 Tháng 10 giờ tan học rất đông xe, nhiều lần suýt "
            "xảy ra tai nạn. Đề nghị lắp đèn tín hiệu và vạch qua đường cho học sinh."
        ),
        name="Nguyễn Hoàng Anh",
        email="hoanganh.ng@example.com",
        days_ago=3,
        state="assigned",
    ),
    DemoQuestion(
        site="khanhhoa",
        topic=Topic.BUSINESS,
        title="Hỗ trợ vay vốn khởi nghiệp cho thanh niên",
        question=(
            "Tôi 27 tuổi, muốn mở cơ sở sản xuất yến sào nhỏ. Tỉnh có chương trình cho thanh niên vay vốn ưu "
            "đãi khởi nghiệp không, điều kiện thế nào?"
        ),
        name="Cao Thị Bích Ngọc",
        phone="0366 152 908",
        days_ago=1,
        state="received",
    ),
]


def _user(username: str, group: Any = None, first_name: str = "", last_name: str = "") -> Any:
    from portal.demo.sites import DEMO_PASSWORD

    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"email": f"{username}@khanhhoa.gov.vn", "first_name": first_name, "last_name": last_name},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    if group is not None:
        user.groups.add(group)
    return user


def _member(unit: Unit, role: str) -> Any:
    link = UnitGroup.objects.get(unit=unit, role=role)
    return _user(f"{unit.code}.{ROLE_SUFFIX[role]}", link.group)


def seed(seeder: Any) -> None:
    units = {unit.code: unit for unit in Unit.objects.all()}
    manager = _user(MANAGER_USERNAME, ensure_management_group(), "Hạnh", "Phan Thị (Trung tâm Cổng TTĐT)")
    for spec in QUESTIONS:
        site = units.get(spec.site)
        target = units.get(spec.unit) if spec.unit else None
        if site is None or (spec.unit and target is None):
            continue
        if Feedback.objects.filter(site_unit=site, title=spec.title).exists():
            continue
        _create(spec, site, target, manager, seeder.now)


def _create(spec: DemoQuestion, site: Unit, target: Unit | None, manager: Any, now: datetime.datetime) -> None:
    received = now - datetime.timedelta(days=spec.days_ago, hours=3)
    item = services.submit(
        services.Submission(
            site_unit=site,
            title=spec.title,
            question=spec.question,
            name=spec.name,
            topic=spec.topic,
            kind=spec.kind,
            requested_unit=target,
            email=spec.email,
            phone=spec.phone,
            consent_publish=spec.consent,
        ),
        now=received,
        notify=False,
    )
    if spec.state == "closed":
        services.close(
            item, manager, CloseReason.NOT_COMPETENT, spec.close_note, now=received + datetime.timedelta(days=2)
        )
        return
    if target is None:
        return
    services.assign(item, target, manager, now=received + datetime.timedelta(hours=20), notify=False)
    if spec.state == "assigned":
        return
    answered = min(received + datetime.timedelta(days=spec.answer_after_days), now - datetime.timedelta(hours=1))
    editor = _member(target, EditorialRole.EDITOR)
    services.save_answer(item, editor, spec.answer, submit=True, now=answered - datetime.timedelta(hours=5))
    if spec.state == "pending":
        return
    board_head = _member(target, EditorialRole.BOARD_HEAD)
    publish = spec.state == "published"
    services.approve(
        item,
        board_head,
        answer=spec.answer,
        publish=publish,
        published_title=spec.title,
        published_question=spec.published_question or spec.question,
        now=answered,
        notify=False,
    )
