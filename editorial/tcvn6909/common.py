"""Common Vietnamese syllables: a tie-breaker between two valid readings.

When two encodings both read a word as a real syllable ("Lưu" in VNI, "Lửu"
in TCVN3), the one that gives a common syllable wins.  The list is the
non-ASCII syllables used at least twice in the project's seed regulations
plus everyday high-frequency words; it only breaks ties, it never rejects.
"""

from __future__ import annotations

_WORDS = """
biên biến biết biển biểu biện biệt bà bàn báo bão bên bình bí bưu bước bạ bạc bản bảng bảo bảy bất
bắc bằng bị bỏ bố bốn bồi bổ bộ bởi chiều chuyên chuyển chánh châu chè chép chí chín chính chúc
chúng chưa chương chấm chấp chất chậm chặn chặt chẽ chế chỉ chỉnh chị chịu chống chủ chứa chức chứng
chữ cuối cà cài cá các cách cán cáo cáp còn có công cùng căn cũ cũng cơ cường cạnh cả cải cảnh cấm
cấp cấu cần cầu cập cố cổng cộng cụ cục của cứ cứng cứu cửa diễn duyệt dài dân dây dõi dùng dũng
dương dưới dưỡng dạng dấu dẫn dễ dịch dục dụng dứt dừng dữ dự dựng già giá giám gián giáo gió giúp
giải giới giờ giữ giữa gây gì gạo gần gặp gọi gốc gồm gỡ gửi hiểu hiện hiệu hoạch hoại hoạt hoặc
huyện huấn hàng hành hè hình hóa hôm hơn hư hưu hướng hưởng hạ hại hạn hải hằng hết hệ họ học họp
hỏng hồ hồi hổng hỗ hội hộp hợp hủy khoáng khoản khoảng khuyến khác khó khóa khôi không khăn khả
khẩn khẩu khắc kiến kiểm kiện kèm kênh ký kế kết kể kịp kỳ kỷ kỹ liên liền liệu loại luôn luật là
làm làng lâm lây lãnh lên lúa lý lĩnh lũ lưu lượng lại lạnh lần lập lắp lặp lễ lịch lỗ lỗi lộ lớn
lợi lụt lửa lực miền muối muốn mà màn máy mã mình môi môn mưa mưu mười mại mạng mạnh mất mẫu mật mắc
mặc mặn mặt mềm mọi mối mỗi một mới mở mục mức mừng nghiêm nghiên nghiệm nghiệp nghìn nghĩa nghệ
nghỉ nghị ngoài ngoại nguyên nguyễn nguồn ngàn ngành ngày ngân ngô ngăn ngư ngưng người ngược ngắn
ngừa ngữ nhiều nhiễm nhiệm nhiệt nhà nhân nhóm như nhưng nhất nhận nhập nhật nhắn nhằm nhỏ nhớ những
niệm nào này nâng nén nên nêu nói nóng nông núi năm năng nơi nước nắng nếu nọ nối nội phá pháp phát
phân phép phê phí phòng phó phù phút phương phường phạm phải phản phần phận phố phối phổ phụ phục
phủ quyết quyền quá quán quân quét quý quả quản quảng quận quốc riêng rà ràng rác rõ rất rồi rộng
rủi rừng soát sàng sách sáng sát sáu sông sơ sạch sản sẵn sẻ sẽ số sở sử sửa sự thiết thiểu thiệt
thoại thuê thuận thuật thuế thuộc thành thác thái tháng thì thích thôi thông thúc thăm thư thương
thường thưởng thảo thấp thấy thẩm thập thế thể thị thống thời thủ thứ thức thử thực tiên tiêu tiến
tiếng tiếp tiết tiện toà toàn toán triển triệt triệu truyền trách trái tránh trên trì trình trí trăm
trưa trước trường trưởng trạm trạng trấn trần trận trật trẻ trệ trị trọng trống trợ trục trữ trực
tuyên tuyến tuyển tuân tuần tuổi tài tác tám tán tâm tây tên tình tích tính tôi tôm tôn tùy túc tăng
tư tương tướng tường tượng tại tạm tạo tải tấn tất tầng tập tắc tắt tặc tế tết tệp tỉnh tịch tố tối
tốt tổ tổng tộc tội tới tờ tục tức từ từng tử tự tỷ viên viết viễn việc viện việt và vài vào vá vì
văn vướng vượt vẫn vận vậy vẹn về vệ vị vốn với vụ vực xuyên xuân xuất xác xâm xây xã xét xóa xóm
xảy xấu xử yêu yếu án ánh áp ít ông ý đai đang đi điều điểm điện đoàn đoạn đài đào đán đánh đáp đâu
đây đã đêm đình đích đó đôn đông đúng đăng đơn đưa đường được đại đạo đảm đảng đảo đất đấu đấy đầu
đầy đặc đặt đẹp đến đề đều để đệm địa định đốc đối đồng đổi độ độc đội động đột đủ ưu ương ảnh ấp ấy
ổn ở ủy ứng
"""

COMMON = frozenset(_WORDS.split())
